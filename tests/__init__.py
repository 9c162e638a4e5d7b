"""Kua's tests (a package, so modules import helpers as `tests.support...` from any directory)."""
