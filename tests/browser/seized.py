"""What a relative does to keep a phone safe, and what whoever holds the phone afterwards can see.

Page objects for the stories of tests/browser/test_reporter_safety.py: the actions say what the
person does; `what_the_screen_shows` is what a searcher reads off the screen without any tool (the
page's text and every input's value), and `indexeddb_dump` what a forensic copy of the profile holds.
"""

import uuid

from playwright.sync_api import Page, expect

from tests.browser.app_scripts import SCREEN_TEXT_JS
from tests.browser.phone import UI_TIMEOUT, fill_in_report, outbox_ids, send_report

PIN = "482913"
DURESS_PIN = "735190"

# Every record of every object store of every IndexedDB database of the origin, as text (Blobs and
# buffers as their bytes, decoded as Latin-1 so that any plaintext stored inside shows as itself).
INDEXEDDB_DUMP_JS = """async () => {
  const toText = async (value) => {
    if (value instanceof Blob) return new TextDecoder("latin1").decode(await value.arrayBuffer());
    if (value instanceof ArrayBuffer) return new TextDecoder("latin1").decode(value);
    if (ArrayBuffer.isView(value)) return new TextDecoder("latin1").decode(value);
    if (Array.isArray(value)) return (await Promise.all(value.map(toText))).join(" ");
    if (value && typeof value === "object") {
      const parts = [];
      for (const [key, inner] of Object.entries(value)) parts.push(key + "=" + (await toText(inner)));
      return parts.join(" ");
    }
    return String(value);
  };
  const out = [];
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of db.objectStoreNames) {
      const records = await new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const record of records) out.push(name + "/" + store + ": " + (await toText(record)));
    }
    db.close();
  }
  return out.join("\\n");
}"""


def what_the_screen_shows(page: Page) -> str:
    text: str = page.evaluate(SCREEN_TEXT_JS)
    return text


def indexeddb_dump(page: Page) -> str:
    dump: str = page.evaluate(INDEXEDDB_DUMP_JS)
    return dump


def canary() -> str:
    return f"KUA-CANARY-{uuid.uuid4().hex}"


def the_relative_sends_a_report(page: Page, words: str) -> str:
    """From home: a short detention report with `words` in the account, sent; returns its id once its receipt shows."""
    known = outbox_ids(page)
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": lambda page: page.get_by_test_id("kind-detention").check(),
            "account-text": lambda page: page.get_by_test_id("account-text").fill(words),
            "consent-record": lambda page: page.get_by_test_id("consent-record").check(),
        },
    )
    report_id = send_report(page, known)
    receipt = page.locator(f'[data-testid="outbox-item"][data-report-id="{report_id}"] [data-testid="receipt"]')
    expect(receipt).to_be_visible(timeout=30_000)
    return report_id


def receipt_codes(page: Page) -> list[str]:
    """The receipt codes on the home screen ("1A2B-3C4D-..."), as a searcher would copy them down."""
    codes: list[str] = page.eval_on_selector_all(
        ".receipt-code", "nodes => nodes.map((node) => node.textContent.split(':').pop().trim())"
    )
    return codes


def the_relative_sets_a_pin(page: Page, pin: str = PIN) -> None:
    """From home: settings, a six-digit PIN typed twice, back home."""
    page.get_by_test_id("settings").click()
    page.get_by_label("Новый PIN-код").fill(pin)
    page.get_by_label("Повторите ещё раз").fill(pin)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("PIN-код сохранён")).to_be_visible(timeout=UI_TIMEOUT)
    page.go_back()
    expect(page.get_by_test_id("new-report")).to_be_visible(timeout=UI_TIMEOUT)


def the_relative_enters(page: Page, pin: str) -> None:
    """On the lock screen: the PIN, then "Open"."""
    page.get_by_label("PIN-код или пароль").fill(pin)
    page.get_by_role("button", name="Открыть").click()


def the_lock_screen_shows(page: Page) -> None:
    expect(page.get_by_test_id("lock-screen")).to_be_visible(timeout=UI_TIMEOUT)


# The page as the phone's system would make it when the relative switches apps or turns the screen off.
SET_VISIBILITY_JS = """(state) => {
  for (const [name, value] of [["visibilityState", state], ["hidden", state === "hidden"]]) {
    Object.defineProperty(document, name, { configurable: true, get: () => value });
  }
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def the_relative_leaves_the_app(page: Page) -> None:
    page.evaluate(SET_VISIBILITY_JS, "hidden")


def the_relative_comes_back(page: Page) -> None:
    page.evaluate(SET_VISIBILITY_JS, "visible")


# The screen's outline: every element's tag and test id, in order, and the visible text.
SCREEN_OUTLINE_JS = """() => [
  [...document.body.querySelectorAll("*")]
    .map((element) => element.tagName + (element.dataset.testid ? "#" + element.dataset.testid : ""))
    .join(" "),
  document.body.innerText,
]"""


def screen_outline(page: Page) -> list[str]:
    """What a fresh install's first screen is made of: compared whole, it tells a used app from a new one."""
    outline: list[str] = page.evaluate(SCREEN_OUTLINE_JS)
    return outline


def the_relative_sets_a_duress_pin(page: Page, pin: str = DURESS_PIN) -> None:
    """From home, with the PIN entered: settings, the emergency PIN typed twice, back home."""
    page.get_by_test_id("settings").click()
    page.get_by_label("Аварийный PIN-код (4–6 цифр)").fill(pin)
    page.get_by_label("Повторите аварийный код").fill(pin)
    page.get_by_role("button", name="Сохранить аварийный код").click()
    expect(page.get_by_text("Аварийный код сохранён.")).to_be_visible(timeout=UI_TIMEOUT)
    page.go_back()
    expect(page.get_by_test_id("nav-my-reports").or_(page.get_by_test_id("new-report")).first).to_be_visible()
