"""The reporter app's deployment file (docs/reporter-app.md#deployment-file): what a build pins for phones.

`kua deployment write` makes it from the server's settings (the root public keys and threshold) and a signed
recipient list that verifies against them now, so an app is never built to trust keys the server does not
pin or to carry a list its phones would refuse. frontend/build/deployment.ts reads it at build time.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from kua.config import Settings
from kua.crypto.recipient_list import RecipientList, verify_recipient_list

VERSION = 1


@dataclass(frozen=True)
class AppIdentity:
    """How the app shows itself on the home screen: a neutral name, and optional colour and quick-exit page."""

    app_name: str
    short_name: str = ""
    theme_color: str = ""
    quick_exit_url: str = ""


def deployment_file(
    *, settings: Settings, signed_list: bytes, app: AppIdentity, now: datetime
) -> tuple[bytes, RecipientList]:
    """The deployment file's bytes and the list it carries.

    Raises RecipientListError if phones would refuse the list, ValueError without root keys or an app name.
    """
    if not settings.root_public_keys:
        raise ValueError("KUA_ROOT_PUBLIC_KEYS is empty: the app would trust no list.")
    if not app.app_name.strip():
        raise ValueError("The app needs a name (--app-name): choose a neutral one.")
    verified = verify_recipient_list(
        signed_list, root_public_keys=settings.root_public_keys, threshold=settings.root_threshold, now=now
    )
    document: dict[str, object] = {
        "version": VERSION,
        "development": settings.env == "development",
        "app_name": app.app_name.strip(),
        "short_name": (app.short_name or app.app_name).strip(),
        "root_public_keys": settings.root_public_keys,
        "threshold": settings.root_threshold,
        "recipient_list": signed_list.decode("utf-8"),
    }
    if app.theme_color:
        document["theme_color"] = app.theme_color
    if app.quick_exit_url:
        document["quick_exit_url"] = app.quick_exit_url
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), verified
