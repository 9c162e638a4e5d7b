"""Kua's cryptography, kept apart from the rest of the application.

It imports nothing from Kua and depends on `cryptography` alone. The formats are specified in
docs/crypto.md: age v1 files (X25519, post-quantum hybrid and scrypt stanzas), Padmé padding, and
the recipient list signed by the coalition's root keys.
"""
