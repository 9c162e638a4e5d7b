/**
 * Whether the app runs in a tab of an iPhone or iPad browser rather than from the Home Screen. There,
 * WebKit deletes what a site's scripts stored after 7 days without a visit (the outbox included), and
 * Web Push reaches only apps added to the Home Screen (docs/reporter-app.md "What holds on which engine").
 * Every browser on iOS is WebKit, so Chrome or Firefox there count too.
 */

/** What the check reads from the browser (the real navigator and matchMedia by default). */
export interface BrowserFacts {
  readonly userAgent: string;
  readonly maxTouchPoints: number;
  /** Safari's own flag for an app opened from the Home Screen (undefined elsewhere). */
  readonly standalone: boolean | undefined;
  /** `(display-mode: standalone)` matches: opened from the Home Screen (every engine). */
  readonly displayStandalone: boolean;
}

/** An iPhone, iPod or iPad; iPadOS says "Macintosh" but, unlike a Mac, has a touch screen. */
export function isAppleMobile(facts: Pick<BrowserFacts, "userAgent" | "maxTouchPoints">): boolean {
  return /iPhone|iPad|iPod/.test(facts.userAgent) || (/Macintosh/.test(facts.userAgent) && facts.maxTouchPoints > 1);
}

/** True in an iOS browser tab: the case where the Home Screen card is shown. */
export function needsHomeScreen(facts: BrowserFacts = browserFacts()): boolean {
  return isAppleMobile(facts) && facts.standalone !== true && !facts.displayStandalone;
}

function browserFacts(): BrowserFacts {
  if (typeof navigator === "undefined") {
    return { userAgent: "", maxTouchPoints: 0, standalone: undefined, displayStandalone: false };
  }
  return {
    userAgent: navigator.userAgent,
    maxTouchPoints: navigator.maxTouchPoints ?? 0,
    standalone: (navigator as Navigator & { standalone?: boolean }).standalone,
    displayStandalone: typeof matchMedia === "function" && matchMedia("(display-mode: standalone)").matches,
  };
}
