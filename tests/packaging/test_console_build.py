"""The built reviewer console stays off the phones (frontend/dist after `make frontend`).

The console is its own page (review.html, docs/review.md): a phone that loads the reporter app must
never fetch or precache its code. Shared chunks (Preact, the crypto) are fine: the reporter loads
them anyway. Nothing is built here; on a developer's machine without a build the tests skip, in CI
they fail.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from posixpath import dirname, normpath

import pytest

from tests.support.ci import require

DIST = Path(__file__).resolve().parents[2] / "frontend" / "dist"

# Any quoted reference to a built script or stylesheet inside a chunk: static and dynamic imports,
# and Vite's preload list (`__vite__mapDeps`, paths from the site root).
ASSET_REFERENCE = re.compile(r"""["'`]((?:\.{1,2}/|/?assets/)[^"'`\s]+\.(?:js|css))["'`]""")
PRECACHE_URL = re.compile(r"""["']?url["']?\s*:\s*["']([^"']+)["']""")


class _PageAssets(HTMLParser):
    """The scripts, modulepreloads and stylesheets a page names; `own`: its entry script and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []
        self.own: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.files.append(_dist_path(str(values["src"])))
            self.own.append(self.files[-1])
        elif tag == "link" and values.get("rel") == "stylesheet" and values.get("href"):
            self.files.append(_dist_path(str(values["href"])))
            self.own.append(self.files[-1])
        elif tag == "link" and values.get("rel") == "modulepreload" and values.get("href"):
            self.files.append(_dist_path(str(values["href"])))


def _dist_path(url: str) -> str:
    return normpath(url.split("?")[0].lstrip("/"))


def page_assets(page: str, *, own: bool = False) -> list[str]:
    parser = _PageAssets()
    parser.feed((DIST / page).read_text(encoding="utf-8"))
    return [name for name in (parser.own if own else parser.files) if name.startswith("assets/")]


def reachable(page: str) -> set[str]:
    """Every asset a page may load: its own, then whatever each chunk imports, now or later."""
    pending, seen = page_assets(page), set()
    while pending:
        name = pending.pop()
        if name in seen or not (DIST / name).is_file():
            continue
        seen.add(name)
        if name.endswith(".js"):
            for target in ASSET_REFERENCE.findall((DIST / name).read_text(encoding="utf-8")):
                relative = target.startswith(".")
                pending.append(normpath(f"{dirname(name)}/{target}") if relative else _dist_path(target))
    return seen


def precached() -> set[str]:
    return {_dist_path(url) for url in PRECACHE_URL.findall((DIST / "sw.js").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module", autouse=True)
def built_app() -> None:
    require(
        (DIST / "index.html").is_file() and (DIST / "sw.js").is_file(), "frontend/dist missing: run `make frontend`"
    )


def test_the_console_is_built_as_a_page_of_its_own() -> None:
    assert (DIST / "review.html").is_file()
    entries = page_assets("review.html", own=True)
    assert any(name.endswith(".js") for name in entries), entries
    assert any(name.endswith(".css") for name in entries), entries
    # Not the installable reporter app: no link to its web app manifest.
    assert 'rel="manifest"' not in (DIST / "review.html").read_text(encoding="utf-8")


def test_the_reporter_app_references_no_console_chunk() -> None:
    reporter = reachable("index.html")
    console_entries = set(page_assets("review.html", own=True))
    assert not console_entries & reporter
    console_only = reachable("review.html") - reporter
    assert console_entries <= console_only
    index = (DIST / "index.html").read_text(encoding="utf-8")
    assert not [name for name in console_only if name.rsplit("/", 1)[-1] in index]


def test_the_service_worker_precaches_the_reporter_app_and_nothing_only_the_console_loads() -> None:
    cache = precached()
    console_only = reachable("review.html") - reachable("index.html")
    assert "review.html" not in cache
    assert not console_only & cache, sorted(console_only & cache)
    # Chunks the two pages share must stay precached, or the reporter app breaks offline.
    assert "index.html" in cache
    assert reachable("index.html") <= cache, sorted(reachable("index.html") - cache)


def test_the_service_worker_leaves_review_navigations_to_the_server() -> None:
    assert "/^\\/review/" in (DIST / "sw.js").read_text(encoding="utf-8")
