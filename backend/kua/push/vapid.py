"""The server's VAPID key (RFC 8292): a P-256 key pair that signs every push request.

Browsers bind a push subscription to the public key given as `applicationServerKey`, so a new key
means every subscription must be renewed. The private key is a PKCS#8 PEM file,
`<data_dir>/push/vapid-private-key.pem`, mode 0600, created by `kua push keys` or at the first
`kua serve`. It signs push requests only: it opens nothing.
"""

import base64
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

KEY_FILENAME = "vapid-private-key.pem"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VapidKey:
    private_key: ec.EllipticCurvePrivateKey

    @classmethod
    def generate(cls) -> "VapidKey":
        return cls(ec.generate_private_key(ec.SECP256R1()))

    @property
    def public_key(self) -> str:
        """The uncompressed public point, base64url without padding: the browser's applicationServerKey."""
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return base64.urlsafe_b64encode(point).rstrip(b"=").decode("ascii")

    def pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    def __repr__(self) -> str:
        return f"VapidKey(public_key={self.public_key!r})"


def key_path(push_dir: Path) -> Path:
    return push_dir / KEY_FILENAME


def load(push_dir: Path) -> VapidKey | None:
    """The stored key, or None when there is none yet."""
    try:
        pem = key_path(push_dir).read_bytes()
    except FileNotFoundError:
        return None
    private_key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(private_key, ec.EllipticCurvePrivateKey) or not isinstance(private_key.curve, ec.SECP256R1):
        raise ValueError(f"{key_path(push_dir)} does not hold a P-256 private key.")
    return VapidKey(private_key)


def load_or_create(push_dir: Path) -> VapidKey:
    """The stored key, created first if there is none (two processes starting together agree on one)."""
    existing = load(push_dir)
    if existing is not None:
        return existing
    try:
        return write(push_dir, VapidKey.generate(), replace=False)
    except FileExistsError:
        loaded = load(push_dir)
        assert loaded is not None
        return loaded


def key_at_start(push_dir: Path) -> VapidKey | None:
    """The key for `kua serve` (created if missing); None, with a warning, if the data folder cannot
    hold it: the server still starts, /readyz reports the folder and no push is sent."""
    try:
        return load_or_create(push_dir)
    except OSError as error:
        logger.warning("No VAPID key (%s): pushes are off until the data folder is writable.", error.strerror)
        return None


def write(push_dir: Path, key: VapidKey, *, replace: bool) -> VapidKey:
    """Store `key` (mode 0600, fsynced); an existing key is replaced only if `replace`."""
    push_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = key_path(push_dir)
    staging = path.with_name(f".{path.name}.{os.getpid()}.new")
    descriptor = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key.pem())
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(staging, path)
        else:
            os.link(staging, path)  # fails with FileExistsError rather than overwrite
    finally:
        staging.unlink(missing_ok=True)
    directory = os.open(push_dir, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return key
