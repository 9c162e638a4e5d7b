/** Who is shown the Home Screen card: iOS browser tabs only. */
import { describe, expect, it } from "vitest";

import { needsHomeScreen, type BrowserFacts } from "./homeScreen";

const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const IPAD_DESKTOP_MODE =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

const tab = (userAgent: string, maxTouchPoints = 5): BrowserFacts => ({
  userAgent,
  maxTouchPoints,
  standalone: false,
  displayStandalone: false,
});

describe("the Home Screen card", () => {
  it("shows in an iPhone Safari tab and on an iPad that says Macintosh", () => {
    expect(needsHomeScreen(tab(IPHONE_SAFARI))).toBe(true);
    expect(needsHomeScreen(tab(IPAD_DESKTOP_MODE))).toBe(true);
  });

  it("does not show once opened from the Home Screen, on a Mac, or on Android", () => {
    expect(needsHomeScreen({ ...tab(IPHONE_SAFARI), standalone: true })).toBe(false);
    expect(needsHomeScreen({ ...tab(IPHONE_SAFARI), displayStandalone: true })).toBe(false);
    expect(needsHomeScreen(tab(IPAD_DESKTOP_MODE, 0))).toBe(false);
    expect(needsHomeScreen(tab(ANDROID_CHROME))).toBe(false);
  });
});
