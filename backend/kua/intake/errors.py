"""Refusals of the intake, each with its status, stable code and one sentence."""

from kua.crypto.age.header import AGE_MAGIC
from kua.errors import KuaError


class NotAnAgeFileError(KuaError):
    status_code = 415
    code = "not_age_encrypted"
    message = f"The body is not an age-encrypted file (it must start with {AGE_MAGIC.decode().strip()})."


class ReportTooLargeError(KuaError):
    status_code = 413
    code = "report_too_large"


class ReportConflictError(KuaError):
    status_code = 409
    code = "report_conflict"
    message = "A different report was already stored under this id; an edited report needs a new id."


class RecordingFailedError(KuaError):
    status_code = 503
    code = "not_recorded"
    message = "The server could not confirm that the report was stored; send it again."


class StorageFullError(KuaError):
    status_code = 507
    code = "storage_full"
    message = "The server has no room for more reports now; keep the report queued and try again later."


class InvalidAttachmentIdsError(KuaError):
    status_code = 400
    code = "invalid_attachment_ids"


class InvalidDeclarationError(KuaError):
    status_code = 400
    code = "invalid_declaration"


class NoRecipientListError(KuaError):
    status_code = 404
    code = "no_recipient_list"
    message = "No recipient list has been published yet."
