"""Refusals of follow-up questions and answers, each with its status, stable code and one sentence."""

from kua.errors import KuaError


class FollowupConflictError(KuaError):
    status_code = 409
    code = "message_conflict"
    message = "A different question or answer is already stored under this id; a new text needs a new id."


class FollowupNotFoundError(KuaError):
    status_code = 404
    code = "message_not_found"
    message = "No question or answer has this id."


class FollowupTooLargeError(KuaError):
    status_code = 413
    code = "too_large"


class ReporterUnreachableError(KuaError):
    status_code = 409
    code = "reporter_unreachable"
    message = "The phone that sent this report declared no reporter token, so it cannot fetch questions."


class ReporterNotProvenError(KuaError):
    status_code = 403
    code = "reporter_not_proven"
    message = "The Kua-Reporter-Token header does not prove that this phone sent the report."


class TooManyAnswersError(KuaError):
    status_code = 409
    code = "too_many_answers"
