"""What a relative does with the WebKit phone, in the words of the Chromium stories (tests/browser/seized.py)."""

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

from tests.browser.app_scripts import LEFTOVERS_JS, RECEIPT_JS, SCREEN_TEXT_JS, STORE_COUNTS_JS, STORED_LIST_SEQ_JS
from tests.browser.seized import PIN
from tests.support.fault_proxy import Fault, FaultProxy
from tests.webkit.screen import Screen, fill_in_report, outbox_ids, outbox_item, send_report
from tests.webkit.webkit_phone import WebKitPhone

# A delivery over loopback once the network is back, on a shared machine under load.
DELIVERY_SECONDS = 60


def an_installed_app(phone: WebKitPhone, proxy: FaultProxy) -> Screen:
    """The relative opened the app once while online: the service worker installed it and controls the page,
    and the phone stored the recipient list it seals to (fetched in the background, never before a Send)."""
    screen = phone.open(proxy.base_url)
    phone.wait_for_service_worker(screen)
    screen.wait(lambda: (screen.evaluate(STORED_LIST_SEQ_JS) or 0) >= 1, what="the recipient list stored", seconds=30)
    return screen


def the_network_drops(proxy: FaultProxy) -> None:
    """No connection for the page nor for the service worker (WebDriver has no offline switch: the proxy cuts)."""
    proxy.set(Fault.unreachable())


def the_network_returns(proxy: FaultProxy) -> None:
    """The proxy passes again. WebKit never saw the cut as offline, so no `online` event comes: the app's
    server watch (src/reporter/sync/serverWatch.ts) must notice by itself that requests get answers again."""
    proxy.set(Fault.pass_through())


def labelled(screen: Screen, text: str) -> WebElement:
    """The field whose <label> reads `text`, as a person finds it."""
    label = screen.wait(
        lambda: next(iter(screen.driver.find_elements(By.XPATH, f'//label[normalize-space()="{text}"]')), None),
        what=f"the field labelled {text!r}",
    )
    return screen.driver.find_element(By.ID, label.get_attribute("for"))


def button(screen: Screen, text: str) -> WebElement:
    return screen.wait(
        lambda: next(
            (
                b
                for b in screen.driver.find_elements(By.XPATH, f'//button[normalize-space()="{text}"]')
                if b.is_displayed()
            ),
            None,
        ),
        what=f"the button {text!r}",
    )


def the_relative_writes_a_report(screen: Screen, words: str, photo: Path | None = None) -> str:
    """From home: a detention report with `words` (and `photo`, kept as is) in the account, sent; its id."""
    known = outbox_ids(screen)

    def tell(screen: Screen) -> None:
        screen.fill("account-text", words)
        if photo is not None:
            attach_photo(screen, photo)

    screen.tap("new-report")
    fill_in_report(
        screen,
        {
            "kind-detention": lambda screen: screen.tick("kind-detention"),
            "account-text": tell,
            "consent-record": lambda screen: screen.tick("consent-record"),
        },
    )
    return send_report(screen, known)


def attach_photo(screen: Screen, photo: Path) -> None:
    """Pick `photo` from the gallery in the photo section on screen, sent as it is; wait until its tile shows."""
    before = len(screen.all("photo-tile"))
    downscale = screen.shown("photo-downscale")
    if downscale.is_selected():
        downscale.click()
    screen.pick_file("photo-gallery", str(photo))
    screen.wait(lambda: len(screen.all("photo-tile")) == before + 1, what="the photo's tile", seconds=30)


def the_report_is(screen: Screen, report_id: str, state: str, seconds: float = DELIVERY_SECONDS) -> None:
    screen.attribute_becomes(outbox_item(report_id), "data-state", state, seconds=seconds)


def receipt(screen: Screen, report_id: str) -> dict[str, object] | None:
    result: dict[str, object] | None = screen.evaluate(RECEIPT_JS, report_id)
    return result


def store_counts(screen: Screen) -> dict[str, int] | None:
    result: dict[str, int] | None = screen.evaluate(STORE_COUNTS_JS)
    return result


def leftovers(screen: Screen) -> dict[str, object]:
    result: dict[str, object] = screen.evaluate(LEFTOVERS_JS)
    return result


def what_the_screen_shows(screen: Screen) -> str:
    text: str = screen.evaluate(SCREEN_TEXT_JS)
    return text


def the_relative_sets_a_pin(screen: Screen, pin: str = PIN) -> None:
    """From home: settings, a six-digit PIN typed twice, back home."""
    screen.tap("settings")
    labelled(screen, "Новый PIN-код").send_keys(pin)
    labelled(screen, "Повторите ещё раз").send_keys(pin)
    button(screen, "Сохранить").click()
    screen.wait(lambda: "PIN-код сохранён" in what_the_screen_shows(screen), what="the PIN saved")
    screen.back()
    screen.shown("new-report")


def the_relative_enters(screen: Screen, pin: str) -> None:
    """On the lock screen: the PIN, then "Open"."""
    labelled(screen, "PIN-код или пароль").send_keys(pin)
    button(screen, "Открыть").click()
