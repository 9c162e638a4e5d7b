"""The `scrypt` passphrase stanza, used only to protect identity and root-key files."""

import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kua.crypto.age.header import Stanza, b64decode, b64encode
from kua.crypto.errors import MalformedError

_LABEL = b"age-encryption.org/v1/scrypt"
_ZERO_NONCE = bytes(12)
DEFAULT_WORK_FACTOR = 18  # about 1 s in a browser, well under that here
MAX_WORK_FACTOR = 22  # refuse files that would make us spend minutes and gigabytes


def _wrapping_key(passphrase: str, salt: bytes, log_n: int) -> ChaCha20Poly1305:
    kdf = Scrypt(salt=_LABEL + salt, length=32, n=1 << log_n, r=8, p=1)
    return ChaCha20Poly1305(kdf.derive(passphrase.encode("utf-8")))


class ScryptRecipient:
    """Wraps a file key under a passphrase."""

    kind = "scrypt"

    def __init__(self, passphrase: str, work_factor: int = DEFAULT_WORK_FACTOR) -> None:
        if not passphrase:
            raise ValueError("The passphrase must not be empty.")
        self._passphrase, self.work_factor = passphrase, work_factor

    def __repr__(self) -> str:
        return f"ScryptRecipient(<passphrase>, work_factor={self.work_factor})"

    def wrap(self, file_key: bytes) -> list[Stanza]:
        salt = os.urandom(16)
        body = _wrapping_key(self._passphrase, salt, self.work_factor).encrypt(_ZERO_NONCE, file_key, None)
        return [Stanza("scrypt", (b64encode(salt).decode(), str(self.work_factor)), body)]


def _parse_work_factor(text: str) -> int:
    if not text.isdigit() or not text.isascii() or text.startswith("0"):
        raise MalformedError("The scrypt work factor is not a plain decimal number.")
    log_n = int(text)
    if log_n > MAX_WORK_FACTOR:
        raise MalformedError(f"The scrypt work factor {log_n} exceeds the maximum of {MAX_WORK_FACTOR}.")
    return log_n


class ScryptIdentity:
    """Unwraps a file key sealed under a passphrase."""

    kind = "scrypt"

    def __init__(self, passphrase: str) -> None:
        self._passphrase = passphrase

    def __repr__(self) -> str:
        return "ScryptIdentity(<passphrase>)"

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        scrypt_stanzas = [s for s in stanzas if s.type == "scrypt"]
        if not scrypt_stanzas:
            return None
        if len(stanzas) != 1:
            raise MalformedError("An scrypt stanza must be the only stanza in the file.")
        stanza = scrypt_stanzas[0]
        if len(stanza.args) != 2:
            raise MalformedError("An scrypt stanza must have exactly two arguments.")
        salt = b64decode(stanza.args[0])
        log_n = _parse_work_factor(stanza.args[1])
        if len(salt) != 16 or len(stanza.body) != 32:
            raise MalformedError("An scrypt stanza has the wrong length.")
        try:
            return _wrapping_key(self._passphrase, salt, log_n).decrypt(_ZERO_NONCE, stanza.body, None)
        except InvalidTag:
            return None  # wrong passphrase
