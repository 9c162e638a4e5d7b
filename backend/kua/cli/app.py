"""The `kua` command: what scripts and administrators use.

Each concern registers its commands from its own module; this file only assembles them.
"""

import typer

from kua.cli import age_files, audit, backup, deployment, export, keys, push, recipients, reviewers, server, uploads
from kua.cli.private import keep_files_private

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, help=__doc__)
server.register(app)
keys.register(app)
recipients.register(app)
deployment.register(app)
age_files.register(app)
uploads.register(app)
reviewers.register(app)
audit.register(app)
export.register(app)
push.register(app)
backup.register(app)


def main() -> None:
    keep_files_private()  # before any command creates a file (kua.cli.private)
    app()
