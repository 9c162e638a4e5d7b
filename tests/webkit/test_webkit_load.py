"""The reporter app opens on WebKit, in a phone that keeps its data and in a private tab."""

import pytest

from tests.support.fault_proxy import FaultProxy
from tests.webkit.webkit_phone import WebKitPhone

pytestmark = pytest.mark.webkit


def test_the_app_opens_on_a_webkit_phone(webkit_phone: WebKitPhone, proxy: FaultProxy) -> None:
    screen = webkit_phone.open(proxy.base_url)
    screen.shown("new-report")
    assert screen.evaluate("() => [innerWidth, innerHeight]") == [390, 844]


def test_the_app_opens_in_a_private_tab(private_webkit_phone: WebKitPhone, proxy: FaultProxy) -> None:
    screen = private_webkit_phone.open(proxy.base_url)
    screen.shown("new-report")
