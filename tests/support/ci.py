"""Skipping on a developer's machine, failing in CI: nothing may skip when CI=true."""

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip when a part of the machine is missing, unless CI=true, where that is a failure."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason} (mandatory when CI=true)", pytrace=False)
    pytest.skip(reason)
