"""Reviewer roles: a triager works the queue; an admin also reads the audit log."""

from typing import Literal

Role = Literal["triager", "admin"]
ROLES: tuple[Role, ...] = ("triager", "admin")
