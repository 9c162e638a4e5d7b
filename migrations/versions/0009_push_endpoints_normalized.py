"""Push endpoints in one form: existing subscriptions are rewritten, and duplicates merged.

The server now stores an endpoint with its scheme and host in lower case, the host without a trailing
dot and without the default port (kua.push.endpoints.normalized), so `HTTPS://FCM.googleapis.com.`
and `https://fcm.googleapis.com` are one subscription (issue 16). Rows stored before may hold several
forms of one endpoint: of each such group one row is kept (a reviewer's before a phone's, then the
newest), the others are deleted with their queued pushes and followed reports (a phone sends all its
reports each time it subscribes, so it follows them again at its next visit), and the kept row is
rewritten in the one form. The column's unique constraint then holds for the endpoint itself.
The downgrade changes nothing: the normalised forms are valid endpoints for the older code too.

The normalisation is copied here, not imported: a migration must keep doing what it did when written.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_PORTS = {"https": 443, "http": 80}

subscription = sa.table(
    "push_subscription",
    sa.column("id", sa.Uuid()),
    sa.column("endpoint", sa.Text()),
    sa.column("reviewer_id", sa.Uuid()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
followed = sa.table("push_subscription_report", sa.column("subscription_id", sa.Uuid()))
queued = sa.table("push_message", sa.column("subscription_id", sa.Uuid()))


def normalized(endpoint: str) -> str:
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return endpoint
    host = (parts.hostname or "").rstrip(".")
    if not host or parts.username is not None or parts.password is not None:
        return endpoint
    scheme = parts.scheme.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port == DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


def upgrade() -> None:
    connection = op.get_bind()
    groups: defaultdict[str, list[Any]] = defaultdict(list)
    for row in connection.execute(sa.select(subscription)):
        groups[normalized(row.endpoint)].append(row)
    for endpoint, rows in groups.items():
        # A reviewer's first, then the newest: a phone re-subscribes by itself, a console may not soon.
        rows.sort(key=lambda row: (row.reviewer_id is not None, row.created_at), reverse=True)
        kept, dropped = rows[0], [row.id for row in rows[1:]]
        if dropped:
            for table in (followed, queued):
                connection.execute(sa.delete(table).where(table.c.subscription_id.in_(dropped)))
            connection.execute(sa.delete(subscription).where(subscription.c.id.in_(dropped)))
        if kept.endpoint != endpoint:
            connection.execute(sa.update(subscription).where(subscription.c.id == kept.id).values(endpoint=endpoint))


def downgrade() -> None:
    """Nothing to undo: a normalised endpoint is an endpoint."""
