"""Why a bundle is refused: one sentence each, never a byte of its content beyond an entry's name."""

import json

from kua.errors import KuaError


class ExportError(KuaError):
    """The bundle cannot be opened as a Kua export."""

    code = "export_refused"
    message = "The bundle is not a Kua export."


class NotAnExportError(ExportError):
    """The plaintext is not a ZIP, or not one with a Kua export manifest."""

    code = "not_an_export"


class UnsafeBundleError(ExportError):
    """The ZIP holds something an honest console never writes (a path out of the folder, a bomb...)."""

    code = "unsafe_bundle"


class OutputNotEmptyError(ExportError):
    """The output folder already holds files and `force` was not given."""

    code = "output_not_empty"


def shown(name: str) -> str:
    """An entry name fit for one line of a terminal: quoted, escaped, at most 80 characters."""
    return json.dumps(name if len(name) <= 80 else name[:77] + "...")
