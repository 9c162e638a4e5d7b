"""`kua uploads expire`: delete unfinished attachment uploads past their expiry (run it daily from cron)."""

import typer

from kua.cli.common import fail
from kua.cli.server import settings_or_exit

uploads_app = typer.Typer(no_args_is_help=True, help="Attachment uploads (tus).")


def register(app: typer.Typer) -> None:
    app.add_typer(uploads_app, name="uploads")


@uploads_app.command("expire")
def expire() -> None:
    """Delete expired unfinished uploads and leftover staging files; settle the others after a crash."""
    import anyio
    from sqlalchemy.exc import SQLAlchemyError

    from kua import clock
    from kua.db.engine import create_database_engine
    from kua.storage.factory import blob_store
    from kua.uploads.service import clean_up
    from kua.uploads.staging import StagingArea

    settings = settings_or_exit()
    engine = create_database_engine(settings.database_url)
    try:
        done = anyio.run(
            lambda: clean_up(
                engine=engine,
                blobs=blob_store(settings),
                staging=StagingArea(settings.data_dir / "uploads"),
                now=clock.utc_now(),
            )
        )
    except SQLAlchemyError as error:
        fail(f"The database cannot be used: {str(getattr(error, 'orig', None) or error).splitlines()[0]}")
    finally:
        engine.dispose()
    typer.echo(f"Expired uploads removed: {done.expired}; leftover staging files removed: {done.leftovers}.")
