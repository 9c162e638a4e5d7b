"""Kua (куә, "witness"): secure, offline-first incident intake for human-rights monitoring."""

__version__ = "0.1.0"
