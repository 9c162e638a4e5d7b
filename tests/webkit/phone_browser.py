#!/usr/bin/python3
"""A WebKitGTK browser whose website data lives in a folder: what WebKitWebDriver starts for the on-disk phone.

MiniBrowser's `--automation` sessions are always ephemeral (like Safari's private browsing), so a phone
that keeps IndexedDB, Cache Storage and its service worker between two sessions needs a browser of its own:
this one, run by Debian's python3 with PyGObject (`python3-gi`, `gir1.2-webkit2-4.1`), not by the venv.

    phone_browser.py --automation --profile=DIR
"""

import argparse

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2  # noqa: E402

# About an iPhone 14's screen in CSS pixels, as the Chromium phone (tests/browser/conftest.py); the
# private phone (MiniBrowser) is sized to it through WebDriver (tests/webkit/webkit_phone.py).
WIDTH, HEIGHT = 390, 844


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--automation", action="store_true")
    parser.add_argument("--profile")
    parser.add_argument("--version", action="store_true")
    options, _unknown = parser.parse_known_args()
    if options.version:
        print(f"KuaPhone {WebKit2.get_major_version()}.{WebKit2.get_minor_version()}.{WebKit2.get_micro_version()}")
        return
    manager = WebKit2.WebsiteDataManager(
        base_data_directory=f"{options.profile}/data", base_cache_directory=f"{options.profile}/cache"
    )
    context = WebKit2.WebContext(website_data_manager=manager)
    context.set_automation_allowed(True)

    def new_view(_session: WebKit2.AutomationSession) -> WebKit2.WebView:
        view = WebKit2.WebView(web_context=context, is_controlled_by_automation=True)
        window = Gtk.Window()
        window.set_default_size(WIDTH, HEIGHT)
        window.add(view)
        view.connect("close", lambda _view: window.destroy())
        window.show_all()
        return view

    def started(_context: WebKit2.WebContext, session: WebKit2.AutomationSession) -> None:
        info = WebKit2.ApplicationInfo()
        info.set_name("KuaPhone")
        info.set_version(1, 0, 0)
        session.set_application_info(info)
        session.connect("create-web-view", new_view)

    context.connect("automation-started", started)
    Gtk.main()


if __name__ == "__main__":
    main()
