"""An upload's address is its capability: `/api/v1/uploads/{id}.{secret}`.

Whoever knew only an upload's id could ask for its offset, length and SHA-256, delete it, or send
garbage into it (issue 16). So creation draws a secret (32 random bytes, base64url, 43 characters) and
puts it in the `Location` it answers; HEAD, PATCH and DELETE need it, and without it (or with another)
the answer is the one for an unknown id, `404 upload_not_found`. Only the secret's SHA-256 is stored,
so a copy of the database opens no upload. tus-js-client and tuspy use `Location` exactly as given,
so they need no change.

Creating the same upload again (the same id, length and SHA-256: a phone that lost the creation
response, or whose address stopped working) draws a new secret, and the old address stops working: the
phone goes on at the new one, from the bytes already received. Doing so needs the file's SHA-256,
which only the phone knows.
"""

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass

from kua.db.models import Upload
from kua.uploads.errors import UploadNotFoundError

SECRET_BYTES = 32


@dataclass(frozen=True)
class Capability:
    """An upload's id and the secret its address carries."""

    upload_id: uuid.UUID
    secret: str

    def __repr__(self) -> str:  # never the secret
        return f"Capability({self.upload_id})"

    @classmethod
    def parse(cls, text: str) -> "Capability":
        """`{id}.{secret}` from the address; anything else is an unknown upload (404)."""
        upload_id, _, secret = text.partition(".")
        try:
            parsed = uuid.UUID(upload_id)
        except ValueError:
            raise UploadNotFoundError() from None
        return cls(parsed, secret)

    def address(self) -> str:
        """The last segment of the upload's address."""
        return f"{self.upload_id}.{self.secret}"

    def opens(self, upload: Upload) -> bool:
        """Whether this secret is the upload's (in constant time); an upload without a secret opens to none."""
        return upload.secret_sha256 is not None and hmac.compare_digest(upload.secret_sha256, digest(self.secret))


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogateescape")).hexdigest()
