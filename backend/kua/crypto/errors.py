"""Errors raised by the crypto layer: one clear sentence each, never a secret in the message."""


class CryptoError(Exception):
    """Base class: anything that went wrong reading or writing a protected object."""


class MalformedError(CryptoError):
    """The input is not in the expected format (bad header, encoding, stanza...)."""


class NoIdentityMatchError(CryptoError):
    """No supplied identity or passphrase opens the file."""


class AuthenticationError(CryptoError):
    """The file was tampered with or truncated: a MAC or an AEAD tag did not verify."""
