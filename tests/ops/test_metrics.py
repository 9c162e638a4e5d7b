"""An operator's Prometheus scrapes /metrics: the list's days left, the quota, staging, pushes, the recorder.

Given a server with KUA_METRICS_TOKEN, a list published for 30 days, one report and half an upload,
when the scraper asks with the token, it reads those figures, and never a report id;
without the token (or on a server that sets none) it is refused.
"""

import os
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.recipient_list import sign_recipient_list
from kua.crypto.rootkeys import RootKey
from tests.intake.reporter import new_report_id, seal_report, send_report
from tests.support.app import migrated_app
from tests.support.polling import wait_until
from tests.support.refusals import assert_refused
from tests.support.server import RunningServer, run_kua
from tests.uploads.phone import create, patch, seal_photo, staged

pytestmark = pytest.mark.slow

ROOT = RootKey.generate()
TOKEN = "scraper-token-" + "x" * 32


def scrape(server: RunningServer, token: str | None = TOKEN) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return httpx.get(server.url("/metrics"), headers=headers, timeout=10)


def figures(response: httpx.Response) -> dict[str, float]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    lines = [line for line in response.text.splitlines() if line and not line.startswith("#")]
    return {name: float(value) for name, value in (line.split(" ") for line in lines)}


def recorder_pid(server: RunningServer) -> int:
    """The server's report recorder process (kua.intake.recorder_process), found among its children."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    (pid,) = (int(c) for c in children if b"kua.intake.recorder_process" in Path(f"/proc/{c}/cmdline").read_bytes())
    return pid


def publish_list_for(server: RunningServer, days: int, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    document = sign_recipient_list(
        [("Reviewer 1", identity_to_recipient(generate_identity("pq")))],
        seq=1,
        not_before=now - timedelta(hours=1),
        not_after=now + timedelta(days=days),
        root_keys=[ROOT],
    )
    path = tmp_path / "list.json"
    path.write_bytes(document)
    published = run_kua("recipients", "publish", str(path), env=server.env)
    assert published.returncode == 0, published.stderr


def test_the_scraper_reads_what_an_operator_watches(tmp_path: Path) -> None:
    settings = {"KUA_METRICS_TOKEN": TOKEN, "KUA_ROOT_PUBLIC_KEYS": ROOT.public_text}
    with RunningServer(tmp_path / "data", **settings) as server:
        # Given nothing yet: no list, no report; the recorder has not been needed
        empty = figures(scrape(server))
        assert "kua_recipient_list_expires_in_days" not in empty
        assert empty["kua_reports_received_total"] == 0 and empty["kua_storage_quota_used_bytes"] == 0
        assert empty["kua_recorder_up"] == 1  # started with the server

        # When the recorder process dies, the scraper sees it down (the next report starts another)
        os.kill(recorder_pid(server), signal.SIGKILL)
        wait_until(lambda: figures(scrape(server))["kua_recorder_up"] == 0, timeout=10, what="the recorder down")

        # When the coalition publishes a list for 30 days, a phone sends a report and half a photo
        publish_list_for(server, 30, tmp_path)
        report_id = new_report_id()
        sealed = seal_report("Задержание у рынка")
        assert send_report(server.base_url, report_id, sealed).status_code in (200, 201)
        photo = seal_photo(200_000)
        assert create(server, photo).status_code == 201
        half = len(photo.ciphertext) // 2
        assert patch(server, photo, 0, photo.ciphertext[:half]).status_code == 204

        # Then the scraper reads them
        response = scrape(server)
        now = figures(response)
        assert 29.9 < now["kua_recipient_list_expires_in_days"] <= 30
        assert now["kua_reports_received_total"] == 1
        assert now["kua_storage_quota_used_bytes"] == len(sealed) + half
        assert now["kua_storage_quota_bytes"] == 20 * 1024**3
        assert now["kua_upload_staging_bytes"] == staged(server, photo).stat().st_size > 0
        assert now["kua_recorder_up"] == 1 and now["kua_recorder_unanswered_reports"] == 0
        assert now["kua_push_messages_failing"] == 0
        # And nothing names a report, an upload or a client
        assert str(report_id) not in response.text and str(photo.upload_id) not in response.text
        assert "127.0.0.1" not in response.text

        # Without the token, or with another, it is refused
        assert_refused(scrape(server, None), 401, "metrics_token")
        assert_refused(scrape(server, TOKEN + "y"), 401, "metrics_token")


def test_metrics_are_off_until_a_token_is_set(tmp_path: Path) -> None:
    with TestClient(migrated_app(tmp_path)) as client:
        assert_refused(client.get("/metrics", headers={"Authorization": "Bearer anything"}), 404, "metrics_off")
