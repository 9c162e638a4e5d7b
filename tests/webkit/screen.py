"""What a relative does on the WebKit phone's screen, through WebDriver: the Chromium stories' vocabulary
(tests/browser/phone.py) with Selenium underneath. Elements are found by their `data-testid`, as there.

WebDriver has no auto-waiting locators: every action waits for its element (`wait_until`), and every
check polls until it holds or times out.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from selenium.common.exceptions import (
    JavascriptException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

from tests.browser.app_scripts import READY
from tests.support.polling import wait_until

T = TypeVar("T")
# Seconds the screen may take to answer a tap: generous, as these machines are shared and slow, and
# WebKitGTK under Xvfb draws without a GPU (a wizard step took over 15 s at a load average of 9).
UI_SECONDS = 30
# More than the wizard has steps: walking further means Next never reached the review.
MAX_STEPS = 20
# Calls a page function (tests/browser/app_scripts.py) with the test's arguments; WebDriver's async
# script hands its callback in last. Pasted in, not eval'd: the app's CSP forbids eval. An error comes
# back as a value: WebKit's driver loses its text.
CALL_JS = """const done = arguments[arguments.length - 1];
const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);
Promise.resolve()
  .then(() => (FUNCTION)(...args))
  .then((value) => done({ value: value === undefined ? null : value }), (error) => done({ error: String(error) }));"""

Answer = Callable[["Screen"], None]


def testid(name: str) -> str:
    return f'[data-testid="{name}"]'


class Screen:
    """The app's page in the WebKit phone."""

    def __init__(self, driver: WebDriver) -> None:
        self.driver = driver

    def go(self, url: str) -> None:
        self.driver.get(url)
        self.wait_until_drawn()

    def reload(self) -> None:
        self.driver.refresh()
        self.wait_until_drawn()

    def back(self) -> None:
        self.driver.back()

    def wait_until_drawn(self) -> None:
        self.wait(lambda: self.driver.find_elements(By.CSS_SELECTOR, READY), what="the app to be drawn", seconds=60)

    @property
    def url(self) -> str:
        return str(self.driver.current_url)

    def evaluate(self, function_js: str, *args: Any) -> Any:
        """Run a JavaScript function (async or not) in the page with `args`; its result, or AssertionError."""
        result = self.driver.execute_async_script(CALL_JS.replace("FUNCTION", function_js), *args)
        assert "error" not in result, f"the page's script failed: {result['error']}"
        return result["value"]

    def wait(self, predicate: Callable[[], T], *, what: str, seconds: float = UI_SECONDS) -> T:
        """Poll `predicate` (an element gone stale, a page between two documents, or a driver still busy
        loading the page counts as not yet)."""

        def attempt() -> T | None:
            try:
                return predicate()
            except (StaleElementReferenceException, JavascriptException, TimeoutException):
                return None

        return wait_until(attempt, timeout=seconds, what=what, interval=0.1)

    def all(self, name: str) -> list[WebElement]:
        return list(self.driver.find_elements(By.CSS_SELECTOR, testid(name)))

    def visible(self, name: str) -> bool:
        try:
            return any(element.is_displayed() for element in self.all(name))
        except (StaleElementReferenceException, WebDriverException):
            return False

    def shown(self, name: str, seconds: float = UI_SECONDS) -> WebElement:
        """The first visible element `name`, once there is one."""

        def first_visible() -> WebElement | None:
            return next((element for element in self.all(name) if element.is_displayed()), None)

        return self.wait(first_visible, what=f"{name} to show", seconds=seconds)

    def gone(self, name: str, seconds: float = UI_SECONDS) -> None:
        self.wait(lambda: not self.all(name), what=f"no {name} on screen", seconds=seconds)

    def tap(self, name: str) -> None:
        self.shown(name).click()

    def tick(self, name: str) -> None:
        box = self.shown(name)
        if not box.is_selected():
            box.click()

    def fill(self, name: str, text: str) -> None:
        field = self.shown(name)
        field.clear()
        field.send_keys(text)

    def attribute_becomes(self, css: str, attribute: str, value: str, seconds: float = UI_SECONDS) -> None:
        def holds() -> bool:
            return any(e.get_attribute(attribute) == value for e in self.driver.find_elements(By.CSS_SELECTOR, css))

        self.wait(holds, what=f"{css} to have {attribute}={value!r}", seconds=seconds)

    def heading(self) -> str:
        headings = self.driver.find_elements(By.TAG_NAME, "h1")
        return str(headings[0].text) if headings else ""

    def pick_file(self, name: str, path: str) -> None:
        """Choose a file in the file input `name` (hidden behind its label, as a phone's picker is)."""
        field = self.wait(lambda: next(iter(self.all(name)), None), what=f"the file input {name}")
        field.send_keys(path)


def fill_in_report(screen: Screen, answers: dict[str, Answer]) -> None:
    """Walk the wizard with Next up to the review, answering each question (by test id) where it appears."""
    pending = dict(answers)
    for _ in range(MAX_STEPS):
        for name in list(pending):
            if screen.visible(name):
                pending.pop(name)(screen)
        if screen.visible("step-send"):
            break
        title = screen.heading()
        screen.tap("step-next")
        screen.wait(lambda before=title: screen.heading() != before, what=f"the step after {title!r}")
    assert not pending, f"the wizard never showed {sorted(pending)}"


def outbox_item(report_id: str) -> str:
    return f'[data-testid="outbox-item"][data-report-id="{report_id}"]'


def outbox_ids(screen: Screen) -> set[str]:
    ids: list[str] = screen.evaluate(
        "() => [...document.querySelectorAll('[data-testid=outbox-item]')].map((item) => item.dataset.reportId || '')"
    )
    return set(ids)


def send_report(screen: Screen, known: set[str]) -> str:
    """Tap Send on the review; the app goes home and lists the report in the outbox. Returns its id.

    `known`: the outbox's report ids before this report was begun (the wizard hides the outbox).
    """
    screen.tap("step-send")
    screen.shown("new-report", seconds=30)
    new = screen.wait(lambda: outbox_ids(screen) - known, what="a new outbox item")
    assert len(new) == 1, f"expected one new outbox item, got {new}"
    return new.pop()
