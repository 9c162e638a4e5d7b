"""Rate limits through the application: 429 and Retry-After, per client, health checks exempt, no address logged."""

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from kua.api.security_headers import CONTENT_SECURITY_POLICY
from tests.support.app import migrated_app
from tests.support.refusals import assert_refused
from tests.support.server import RunningServer

pytestmark = pytest.mark.slow

BURST = 5


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server allowing a burst of 5 requests, then one a minute."""
    data_dir = tmp_path_factory.mktemp("rate-limited") / "data"
    with RunningServer(data_dir, KUA_RATE_LIMIT_PER_MINUTE="1", KUA_RATE_LIMIT_BURST=str(BURST)) as server:
        yield server


def test_a_flood_of_requests_is_refused_and_nothing_about_the_client_is_logged(strict_server: RunningServer) -> None:
    # Given a phone that has spent its burst on the API (the reporter app's files spend nothing)
    spent = [httpx.get(strict_server.url(path)).status_code for path in ["/", "/api/no-such-thing"] * BURST]
    assert spent == [200, 404] * BURST
    # When it sends one more request
    refused = httpx.get(strict_server.url("/api/no-such-thing"))
    # Then it is told to wait, in the usual error shape, with the usual headers
    assert_refused(refused, 429, "rate_limited")
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert re.fullmatch(r"Too many requests; try again in \d+ seconds?\.", refused.json()["error"]["message"])
    assert refused.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    # And health checks still answer (a proxy polls them from the same address), and the app still installs
    for _ in range(BURST + 1):
        assert httpx.get(strict_server.url("/healthz")).status_code == 200
        assert httpx.get(strict_server.url("/readyz")).status_code == 200
        assert httpx.get(strict_server.url("/")).status_code == 200
    # And the log has its request lines but no address, and no word about who was refused
    log = strict_server.log()
    assert "kua.request: GET" in log
    assert "127.0.0.1" not in log
    assert "localhost" not in log
    assert "429" not in log


def test_two_phones_are_limited_independently(tmp_path: Path) -> None:
    app = migrated_app(tmp_path, rate_limit_per_minute=1, rate_limit_burst=2)
    with (
        TestClient(app, client=("198.51.100.7", 40001)) as first_phone,
        TestClient(app, client=("203.0.113.9", 40002)) as second_phone,
    ):
        assert [first_phone.get("/healthz").status_code for _ in range(5)] == [200] * 5  # exempt, spends nothing
        assert [first_phone.get("/api/no-such-thing").status_code for _ in range(3)] == [404, 404, 429]
        assert second_phone.get("/api/no-such-thing").status_code == 404
        assert first_phone.get("/api/no-such-thing").status_code == 429


def test_reads_cannot_crowd_out_writes_from_the_same_address(tmp_path: Path) -> None:
    app = migrated_app(tmp_path, rate_limit_per_minute=1, rate_limit_burst=2, read_rate_limit_burst=3)
    with TestClient(app, client=("198.51.100.7", 40001)) as phones_behind_one_address:
        # Given phones that have spent every read of their address (polling the list, say)
        reads = [phones_behind_one_address.get("/api/no-such-thing").status_code for _ in range(4)]
        assert reads == [404, 404, 404, 429]
        # When one of them sends, it is not refused: writes have a bucket of their own
        writes = [phones_behind_one_address.post("/api/no-such-thing").status_code for _ in range(3)]
        assert writes == [404, 404, 429]
        # And spent writes leave reads as they were (still refused here, not refilled by the writes)
        assert phones_behind_one_address.head("/api/no-such-thing").status_code == 429
