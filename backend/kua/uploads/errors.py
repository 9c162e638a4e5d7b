"""Refusals of the tus uploads, each with its status, stable code and one sentence."""

from kua.errors import KuaError


class InvalidUploadMetadataError(KuaError):
    status_code = 400
    code = "invalid_upload_metadata"


class InvalidUploadLengthError(KuaError):
    status_code = 400
    code = "invalid_upload_length"


class AttachmentTooLargeError(KuaError):
    status_code = 413
    code = "attachment_too_large"


class InvalidUploadOffsetError(KuaError):
    status_code = 400
    code = "invalid_upload_offset"
    message = "Upload-Offset must be a non-negative whole number of bytes."


class InvalidUploadChecksumError(KuaError):
    status_code = 400
    code = "invalid_upload_checksum"
    message = "Upload-Checksum must be an algorithm name, a space and a base64 digest."


class UnsupportedChecksumAlgorithmError(KuaError):
    status_code = 400
    code = "checksum_algorithm_unsupported"


class ChecksumMismatchError(KuaError):
    """tus's 460: the bytes of this PATCH do not match its Upload-Checksum; none of them were kept."""

    status_code = 460
    code = "checksum_mismatch"
    message = "The bytes received do not match Upload-Checksum; none were kept, send them again."


class AttachmentHashMismatchError(KuaError):
    """The whole file does not have the SHA-256 declared at creation: it was discarded, offset back to 0."""

    status_code = 460
    code = "attachment_hash_mismatch"
    message = (
        "The attachment's SHA-256 does not match the one declared at creation; its bytes were discarded"
        " and the upload starts again at offset 0."
    )


class WrongContentTypeError(KuaError):
    status_code = 415
    code = "wrong_content_type"
    message = "A PATCH must be sent as application/offset+octet-stream."


class UploadNotFoundError(KuaError):
    status_code = 404
    code = "upload_not_found"
    message = "No upload exists at this address; create it with a POST."


class UploadExpiredError(KuaError):
    status_code = 410
    code = "upload_expired"
    message = "This upload expired unfinished; create it again with a POST."


class UploadConflictError(KuaError):
    status_code = 409
    code = "upload_conflict"
    message = "Another upload with a different length or SHA-256 exists under this id; a new attachment needs a new id."


class OffsetMismatchError(KuaError):
    status_code = 409
    code = "offset_mismatch"


class UploadBusyError(KuaError):
    status_code = 409
    code = "upload_busy"
    message = "Another request is writing to this upload now; ask for its offset with HEAD and resume."


class UploadCompletedError(KuaError):
    """PATCH on a completed upload (409: a client that asks with HEAD finds it complete and is done)."""

    status_code = 409
    code = "upload_completed"
    message = "This upload is complete and can no longer change."


class UploadCompletedTerminationError(KuaError):
    """DELETE on a completed upload: a report may reference it."""

    status_code = 403
    code = "upload_completed"
    message = "This upload is complete; a report may reference it, so it cannot be deleted."


class BodyExceedsLengthError(KuaError):
    status_code = 413
    code = "body_exceeds_upload_length"
    message = "The body would go past the upload's declared length; none of it was kept."


class BodyInterruptedError(KuaError):
    """The connection closed before the whole PATCH body arrived (nobody is left to read the answer)."""

    status_code = 400
    code = "body_interrupted"
    message = "The body ended before Content-Length bytes arrived; ask for the offset with HEAD and resume."


class UploadStalledError(KuaError):
    status_code = 408
    code = "upload_stalled"
    message = "No bytes arrived for too long; ask for the offset with HEAD and resume."


class UploadTooSlowError(KuaError):
    """The PATCH body came slower than the minimum rate (kua.intake.pace); what arrived counts, as for a stall."""

    status_code = 408
    code = "upload_too_slow"
    message = "The bytes arrived too slowly; ask for the offset with HEAD and resume on a better connection."


class TusVersionError(KuaError):
    status_code = 412
    code = "tus_version_unsupported"
    message = "This server speaks tus 1.0.0 only: send Tus-Resumable: 1.0.0."


class TooManyUnfinishedUploadsError(KuaError):
    """One client (pseudonym of its address) holds too many unfinished uploads, or too many declared bytes."""

    status_code = 429
    code = "too_many_unfinished_uploads"
    message = "Too many unfinished uploads from this network; finish or delete some, or try again later."
    retry_after = 600


class UploadsFullError(KuaError):
    """The server holds as many unfinished uploads as it takes (all clients together)."""

    status_code = 503
    code = "too_many_unfinished_uploads"
    message = "The server holds too many unfinished uploads right now; try again later."
    retry_after = 600


class WithdrawalNotProvenError(KuaError):
    """An unknown report and a wrong token are refused alike, so the answer tells nothing of which exist."""

    status_code = 403
    code = "reporter_not_proven"
    message = "The Kua-Reporter-Token header does not prove that this phone sent the report."


class AttachmentNotDeclaredError(KuaError):
    status_code = 404
    code = "attachment_not_declared"
    message = "The report declared no attachment with this id."


class AttachmentArrivedError(KuaError):
    status_code = 409
    code = "attachment_arrived"
    message = "This attachment arrived whole; it can no longer be withdrawn."
