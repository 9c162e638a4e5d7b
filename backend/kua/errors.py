"""The one base class of every error Kua shows to a client.

Domain code raises these without knowing about HTTP frameworks; `kua.api.errors` renders them as
`{"error": {"code": ..., "message": ...}}`.
"""


class KuaError(Exception):
    """A refusal with an HTTP status, a stable machine-readable code and a one-sentence message."""

    status_code: int = 400
    code: str = "bad_request"
    message: str = "The request was refused."
    retry_after: int | None = None  # seconds, sent as Retry-After (429, 503)

    def __init__(self, message: str | None = None, *, code: str | None = None, status_code: int | None = None) -> None:
        self.message = message or self.message
        self.code = code or self.code
        self.status_code = status_code or self.status_code
        super().__init__(self.message)


class NotReadyError(KuaError):
    status_code = 503
    code = "not_ready"
    message = "The server is not ready to accept reports."


def retry_after_headers(error: KuaError) -> dict[str, str] | None:
    """The Retry-After header an error asks for, if any."""
    return {"Retry-After": str(error.retry_after)} if error.retry_after is not None else None
