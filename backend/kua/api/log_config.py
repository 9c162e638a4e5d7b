"""Logging for `kua serve`: uvicorn's access log is off, and nothing logs a client's address.

uvicorn's INFO lines name the bind address and its access log names every client, so both are
silenced; Kua's own request log (kua.api.request_log) keeps method, route template and status.
KUA_LOG_LEVEL=WARNING leaves that request log out (one line per request) and keeps warnings and errors.
"""

import copy
from typing import Any

LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "WARNING"},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "kua": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


def log_config(level: str) -> dict[str, Any]:
    """LOG_CONFIG with Kua's own loggers at `level` (KUA_LOG_LEVEL)."""
    config = copy.deepcopy(LOG_CONFIG)
    config["loggers"]["kua"]["level"] = level
    return config
