"""The HTTP API: thin routers over the domain, plus the security headers and the served reporter app."""

from kua.api.app import create_app

__all__ = ["create_app"]
