"""The console's push worker (/review-sw.js) is built as a file of its own, stays off the phones, and
the reporter app loads its push module only when asked (frontend/dist after `make frontend`)."""

import pytest

from tests.packaging.test_console_build import DIST, page_assets, precached, reachable
from tests.support.ci import require


@pytest.fixture(scope="module", autouse=True)
def built_app() -> None:
    require(
        (DIST / "sw.js").is_file() and (DIST / "review-sw.js").is_file(), "frontend/dist missing: run `make frontend`"
    )


def test_the_console_push_worker_is_one_unhashed_self_contained_file_phones_never_load() -> None:
    worker = (DIST / "review-sw.js").read_text(encoding="utf-8")
    assert "import " not in worker and "export" not in worker and "showNotification" in worker
    assert "review-sw.js" not in precached()
    assert "review-sw" not in (DIST / "index.html").read_text(encoding="utf-8")
    assert not any(
        "review-sw" in (DIST / name).read_text(encoding="utf-8")
        for name in reachable("index.html")
        if name.endswith(".js")
    )


def test_the_phone_loads_its_push_module_only_when_asked() -> None:
    initial = set(page_assets("index.html"))
    assert not [name for name in initial if "pushSubscription" in name]
    sw = (DIST / "sw.js").read_text(encoding="utf-8")
    assert "showNotification" in sw and "notificationclick" in sw
