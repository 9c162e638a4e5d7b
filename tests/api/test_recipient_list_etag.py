"""Phones ask for the recipient list again with `If-None-Match`: an unchanged list costs a bodiless 304."""

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from kua.config import Settings
from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.recipient_list import sign_recipient_list
from kua.crypto.rootkeys import RootKey
from kua.intake import recipient_lists
from tests.support.app import migrated_app

ROOTS = [RootKey.generate() for _ in range(2)]
REVIEWERS = [("Reviewer 1", identity_to_recipient(generate_identity("x25519")))]
PINS = {"root_public_keys": [key.public_text for key in ROOTS], "root_threshold": 2}


def signed_list(seq: int) -> bytes:
    now = datetime.now(UTC)
    return sign_recipient_list(
        REVIEWERS, seq=seq, not_before=now - timedelta(hours=1), not_after=now + timedelta(days=30), root_keys=ROOTS
    )


def coalition_publishes(database_url: str, document: bytes) -> None:
    settings = Settings(_env_file=None, env="development", database_url=database_url, **PINS)  # type: ignore[arg-type]
    recipient_lists.publish(
        engine=create_engine(database_url), settings=settings, document=document, now=datetime.now(UTC)
    )


def test_a_phone_with_the_current_list_gets_a_304_and_a_new_list_when_there_is_one(
    database_url: str, tmp_path: Path
) -> None:
    app = migrated_app(tmp_path, database_url=database_url, **PINS)
    first, second = signed_list(1), signed_list(2)
    with TestClient(app) as client:
        # Given the coalition published seq 1, a phone fetches it and remembers its strong ETag
        coalition_publishes(database_url, first)
        fetched = client.get("/api/v1/recipients")
        assert fetched.status_code == 200 and fetched.content == first
        etag = fetched.headers["etag"]
        assert etag == f'"{hashlib.sha256(first).hexdigest()}"'
        assert fetched.headers["cache-control"] == "no-cache"

        # When it asks again with that ETag, it gets a 304 with no body and the same ETag
        unchanged = client.get("/api/v1/recipients", headers={"If-None-Match": etag})
        assert unchanged.status_code == 304 and unchanged.content == b""
        assert unchanged.headers["etag"] == etag
        assert unchanged.headers["cache-control"] == "no-cache"
        assert "content-security-policy" in unchanged.headers

        # A tag for other bytes (a stale, weak or made-up one) gets the whole list
        for other in ('"0000"', f'W/{etag[:-2]}x"', "not-a-tag"):
            full = client.get("/api/v1/recipients", headers={"If-None-Match": other})
            assert full.status_code == 200 and full.content == first, other

        # Then the coalition publishes seq 2: the old ETag no longer matches and the new list comes whole
        coalition_publishes(database_url, second)
        renewed = client.get("/api/v1/recipients", headers={"If-None-Match": etag})
        assert renewed.status_code == 200 and renewed.content == second
        assert renewed.headers["etag"] == f'"{hashlib.sha256(second).hexdigest()}"'
        assert renewed.headers["kua-recipient-list-seq"] == "2"


def test_with_no_list_published_the_refusal_is_never_stored(database_url: str, tmp_path: Path) -> None:
    with TestClient(migrated_app(tmp_path, database_url=database_url, **PINS)) as client:
        refused = client.get("/api/v1/recipients", headers={"If-None-Match": "*"})
    assert refused.status_code == 404
    assert refused.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("header", "matches"),
    [(None, False), ('"a"', True), ('"b", "a"', True), ('W/"a"', True), ("*", True), ('"b"', False), ("a", False)],
)
def test_if_none_match_is_read_as_rfc_9110_says(header: str | None, matches: bool) -> None:
    assert recipient_lists.etag_matches(header, '"a"') is matches
