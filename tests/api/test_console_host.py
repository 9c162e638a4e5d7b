"""KUA_CONSOLE_BASE_URL: the console on a host name of its own. Under the reporter's host name, the
console's page, files, API and the API schema answer exactly as paths that do not exist, so the
neutral reporter host shows nothing of a review console; under the console's host name they work."""

from pathlib import Path

import httpx
import pytest

from tests.support.server import RunningServer

pytestmark = pytest.mark.slow

CONSOLE = "review.example.org"


def test_the_reporter_host_shows_nothing_of_the_console(tmp_path: Path) -> None:
    with RunningServer(tmp_path / "data", KUA_CONSOLE_BASE_URL=f"https://{CONSOLE}") as server:
        reporter = httpx.Client(base_url=server.url(""), headers={"Host": "reports.example.org"})
        console = httpx.Client(base_url=server.url(""), headers={"Host": f"{CONSOLE}:443"})

        # The console's page is the reporter app's page, as any route the app does not know
        unknown_page = reporter.get("/no-such-page")
        for path in ("/review", "/review/", "/review/cases/1"):
            page = reporter.get(path)
            assert (page.status_code, page.text) == (unknown_page.status_code, unknown_page.text), path
        assert "review" not in unknown_page.text.lower().replace("reviewer", "")
        # Its API and the schema are the API's 404, word for word
        unknown_api = reporter.get("/api/v1/no-such-thing")
        for path in ("/api/v1/review/session", "/api/v1/review/reports", "/api/openapi.json"):
            answer = reporter.get(path)
            assert (answer.status_code, answer.json()) == (404, unknown_api.json()), path
        assert reporter.post("/api/v1/review/session", json={}).status_code == 404
        # Its files are missing files
        assert reporter.get("/review-sw.js").status_code == 404
        assert reporter.get("/review.html").status_code == 404

        # Under the console's own host name, all of it is there
        page = console.get("/review")
        assert page.status_code == 200 and page.text != unknown_page.text
        assert console.get("/api/openapi.json").status_code == 200
        assert console.get("/api/v1/review/session").status_code == 401
        # The reporter app keeps working on the reporter's host: its page, its API
        assert reporter.get("/").status_code == 200 and reporter.get("/").text == unknown_page.text
        assert reporter.get("/healthz").status_code == 200


def test_without_a_console_host_everything_is_on_one_host(tmp_path: Path) -> None:
    with RunningServer(tmp_path / "data") as server:
        any_host = httpx.Client(base_url=server.url(""), headers={"Host": "reports.example.org"})
        assert any_host.get("/api/openapi.json").status_code == 200
        assert any_host.get("/api/v1/review/session").status_code == 401
