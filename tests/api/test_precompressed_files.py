"""The build's Brotli and gzip copies (frontend/build/precompress.ts) go to the browsers that accept them.

A phone on 2G installs the app over a link of about 30 KB/s: Brotli at quality 11, done once at build
time, is a sixth smaller than the gzip the server would do per request (bench/bench_phone.py).
"""

import gzip
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kua.api import create_app
from kua.api.frontend import accepted_encodings
from kua.db import migrate
from tests.api.test_app import make_settings

SCRIPT = b"const words = " + repr(["message"] * 500).encode() + b";\n"
# Not real Brotli (the tests have no decoder): the server sends the copy's bytes as they are.
BROTLI_COPY = b"\x1b brotli copy of the script"
CHROMIUM = {"Accept-Encoding": "gzip, deflate, br, zstd"}


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A build with a script and the page, each with its two copies, and a stylesheet without any."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    for path, text in ((dist / "assets" / "reporter.js", SCRIPT), (dist / "index.html", b"<!doctype html>" * 100)):
        path.write_bytes(text)
        Path(f"{path}.gz").write_bytes(gzip.compress(text, 9))
        Path(f"{path}.br").write_bytes(BROTLI_COPY)
    (dist / "assets" / "reporter.css").write_text("body { margin: 0 }\n" * 100)
    return dist


@pytest.fixture
def client(tmp_path: Path, dist: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path, frontend_dir=dist)
    migrate.upgrade(settings.database_url, settings.migrations_dir)
    with TestClient(create_app(settings)) as client:
        yield client


def raw_get(client: TestClient, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and the body as sent (not decoded)."""
    with client.stream("GET", path, headers=headers) as response:
        return response.status_code, dict(response.headers), b"".join(response.iter_raw())


def test_a_browser_that_accepts_brotli_gets_the_brotli_copy(client: TestClient) -> None:
    status, headers, body = raw_get(client, "/assets/reporter.js", CHROMIUM)
    assert (status, body, headers["content-encoding"]) == (200, BROTLI_COPY, "br")
    # Typed and cached as the script itself; caches keep one copy per Accept-Encoding
    assert headers["content-type"].startswith("text/javascript")
    assert headers["content-length"] == str(len(BROTLI_COPY))
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["vary"] == "Accept-Encoding"


def test_the_page_comes_compressed_too(client: TestClient, dist: Path) -> None:
    status, headers, body = raw_get(client, "/", CHROMIUM)
    assert (status, body, headers["content-encoding"]) == (200, BROTLI_COPY, "br")
    assert headers["content-type"].startswith("text/html")
    assert headers["cache-control"] == "no-cache"


def test_gzip_goes_to_a_browser_without_brotli_and_nothing_to_one_without_either(client: TestClient) -> None:
    _, headers, body = raw_get(client, "/assets/reporter.js", {"Accept-Encoding": "gzip, deflate"})
    assert (headers["content-encoding"], gzip.decompress(body)) == ("gzip", SCRIPT)
    for refusing in ("identity", "deflate, br;q=0"):
        _, headers, body = raw_get(client, "/assets/reporter.js", {"Accept-Encoding": refusing})
        assert ("content-encoding" not in headers, body) == (True, SCRIPT), refusing
        assert headers["vary"] == "Accept-Encoding"


def test_a_file_without_copies_is_still_gzipped_on_the_fly(client: TestClient) -> None:
    _, headers, body = raw_get(client, "/assets/reporter.css", CHROMIUM)
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"body { margin: 0 }")


def test_a_file_changed_after_the_build_is_sent_itself_not_its_stale_copies(client: TestClient, dist: Path) -> None:
    # Given the script changed after the build wrote its copies (an hour later)
    script = dist / "assets" / "reporter.js"
    script.write_bytes(b"// the next version\n" + SCRIPT)
    later = script.stat().st_mtime + 3600
    os.utime(script, (later, later))
    # Then the browser gets the new script (gzipped on the fly), not a copy of the old one
    _, headers, body = raw_get(client, "/assets/reporter.js", CHROMIUM)
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"// the next version")


def test_a_revalidated_copy_gets_a_304_and_another_coding_the_file(client: TestClient) -> None:
    # Given the phone holds the Brotli copy of the page, with its ETag
    _, headers, _ = raw_get(client, "/", CHROMIUM)
    etag = headers["etag"]
    # When it revalidates with the same Accept-Encoding, then nothing is sent again
    status, headers, body = raw_get(client, "/", {**CHROMIUM, "If-None-Match": etag})
    assert (status, body, headers["vary"]) == (304, b"", "Accept-Encoding")
    # And a browser that takes only gzip never gets a 304 for the Brotli copy
    status, _, body = raw_get(client, "/", {"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert status == 200 and body.startswith(b"\x1f\x8b")


def test_accept_encoding_is_read_with_its_weights() -> None:
    assert accepted_encodings("gzip, deflate, br, zstd") == {"gzip", "deflate", "br", "zstd"}
    assert accepted_encodings("br;q=0, gzip; q=0.5, identity") == {"gzip", "identity"}
    assert accepted_encodings("BR;q=1.0,gzip;q=bad") == {"br", "gzip"}
    assert accepted_encodings("") == set()
