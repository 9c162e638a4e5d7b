"""Intake: what the server does with ciphertext that phones send (reports, the recipient list)."""
