"""Refusals of the review API, each with its status, stable code and one sentence."""

from kua.errors import KuaError


class NotSignedInError(KuaError):
    status_code = 401
    code = "not_signed_in"
    message = "Sign in first: there is no session, or it has expired."


class ForbiddenError(KuaError):
    status_code = 403
    code = "forbidden"
    message = "Only an admin may do this."


class CsrfFailedError(KuaError):
    status_code = 403
    code = "csrf_failed"
    message = "The X-Kua-CSRF header is missing or does not match the session."


class LoginFailedError(KuaError):
    status_code = 401
    code = "login_failed"
    message = "The name, password or code is wrong."


class InvitationNotFoundError(KuaError):
    status_code = 404
    code = "invitation_not_found"
    message = "This invitation link is not known; ask for a new one."


class InvitationUsedError(KuaError):
    status_code = 410
    code = "invitation_used"
    message = "This invitation link has been used already; ask for a new one."


class InvitationExpiredError(KuaError):
    status_code = 410
    code = "invitation_expired"
    message = "This invitation link has expired; ask for a new one."


class TotpNotStartedError(KuaError):
    status_code = 409
    code = "totp_not_started"
    message = "Ask for the authenticator secret of this invitation before accepting it."


class InvalidTotpCodeError(KuaError):
    status_code = 422
    code = "invalid_totp_code"
    message = "The authenticator code is wrong; check the code and the device's clock."


class PasswordLengthError(KuaError):
    """A password too short or too long. The code keeps its first name: the console translates it."""

    status_code = 422
    code = "password_too_short"


class PasswordBlankError(KuaError):
    status_code = 422
    code = "password_blank"
    message = "A password must not be only spaces."


class PasswordRepeatedError(KuaError):
    status_code = 422
    code = "password_repeated"
    message = "A password must not be one character repeated."


class PasswordCommonError(KuaError):
    status_code = 422
    code = "password_common"
    message = "This password is too common or easy to guess; several unrelated words make a good one."


class InvalidNameError(KuaError):
    status_code = 422
    code = "invalid_name"


class NameTakenError(KuaError):
    status_code = 409
    code = "name_taken"
    message = "A reviewer with this name exists already."


class InvalidRecipientError(KuaError):
    status_code = 422
    code = "invalid_recipient"
    message = "The recipient is not an age recipient (age1pq1... or age1...)."


class ReportNotFoundError(KuaError):
    status_code = 404
    code = "report_not_found"
    message = "No report has this id."


class AttachmentNotFoundError(KuaError):
    status_code = 404
    code = "attachment_not_found"
    message = "No completed attachment has this id."


class TransitionRefusedError(KuaError):
    status_code = 409
    code = "transition_refused"


class InvalidDuplicateOfError(KuaError):
    status_code = 422
    code = "invalid_duplicate_of"


class InvalidPriorityError(KuaError):
    status_code = 422
    code = "invalid_priority"
    message = "priority must be one of low, normal, high, urgent."


class InvalidLabelsError(KuaError):
    status_code = 422
    code = "invalid_labels"


class InvalidAssigneeError(KuaError):
    status_code = 422
    code = "invalid_assignee"
    message = "assignee_id names no active reviewer."


class InvalidCaseError(KuaError):
    status_code = 422
    code = "invalid_case"
    message = "case_id names no case."


class SealedTextTooLargeError(KuaError):
    status_code = 413
    code = "too_large"


class CaseNotFoundError(KuaError):
    status_code = 404
    code = "case_not_found"
    message = "No case has this id."


class StalePeopleMapError(KuaError):
    """A save based on an older version of a case's people map than the newest (another reviewer saved first)."""

    status_code = 409
    code = "stale_people_map"


class AnswerNotFoundError(KuaError):
    status_code = 404
    code = "answer_not_found"
    message = "The report has no answer with this id: only the family's answers to it can be granted with it."


class InvalidGrantHeaderError(KuaError):
    status_code = 422
    code = "invalid_grant_header"
    message = "A grant must be one age v1 header (stanzas, then the MAC line) and nothing else."


class GrantRecipientError(KuaError):
    status_code = 422
    code = "grant_recipient_not_listed"
    message = "Every recipient of a grant must be in the newest published recipient list, once."
