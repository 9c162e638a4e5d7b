/** The console's push toggle: every way it can end, with a fake browser and a fake server. */
import { describe, expect, it, vi } from "vitest";

import { pushState, turnOff, turnOn, type PushBrowser, type PushServer } from "./consolePush";

const KEY = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";

function fakeSubscription(endpoint = "https://fcm.googleapis.com/fcm/send/abc") {
  return {
    endpoint,
    toJSON: () => ({ endpoint, keys: { p256dh: "p", auth: "a" } }),
    unsubscribe: vi.fn(async () => true),
  };
}

function fakeBrowser(
  options: { permission?: NotificationPermission; subscribe?: () => Promise<unknown>; subscribed?: boolean } = {},
) {
  let current: ReturnType<typeof fakeSubscription> | null = options.subscribed ? fakeSubscription() : null;
  const pushManager = {
    getSubscription: async () => current,
    subscribe: vi.fn(options.subscribe ?? (async () => (current = fakeSubscription()))),
  };
  const registration = { active: {}, installing: null, waiting: null, pushManager };
  const serviceWorker = {
    getRegistration: vi.fn(async () => (current || pushManager.subscribe.mock.calls.length ? registration : undefined)),
    register: vi.fn(async () => registration),
  };
  const browser: PushBrowser = {
    serviceWorker: serviceWorker as unknown as ServiceWorkerContainer,
    pushSupported: true,
    permission: () => options.permission ?? "default",
    requestPermission: async () => options.permission ?? "granted",
  };
  return { browser, serviceWorker, pushManager, current: () => current };
}

function fakeServer(fail = false): PushServer & { subscribed: unknown[]; unsubscribed: string[] } {
  const subscribed: unknown[] = [];
  const unsubscribed: string[] = [];
  return {
    subscribed,
    unsubscribed,
    vapidPublicKey: async () => KEY,
    subscribe: async (subscription) => {
      if (fail) throw new Error("503");
      subscribed.push(subscription);
    },
    unsubscribe: async (endpoint) => void unsubscribed.push(endpoint),
  };
}

describe("the console's push toggle", () => {
  it("registers the console's worker for /review, subscribes with the server's key and tells the server", async () => {
    const { browser, serviceWorker, pushManager } = fakeBrowser();
    const server = fakeServer();
    expect(await pushState(browser)).toBe("off");
    expect(await turnOn(browser, server, "New activity in the review queue")).toBe("on");
    expect(serviceWorker.register).toHaveBeenCalledWith("/review-sw.js?body=New+activity+in+the+review+queue", {
      scope: "/review",
    });
    const options = (pushManager.subscribe.mock.calls[0] as unknown[])[0] as PushSubscriptionOptionsInit;
    expect(options.userVisibleOnly).toBe(true);
    expect((options.applicationServerKey as Uint8Array).length).toBe(65);
    expect(server.subscribed).toEqual([
      { endpoint: "https://fcm.googleapis.com/fcm/send/abc", keys: { p256dh: "p", auth: "a" } },
    ]);
    expect(await pushState(browser)).toBe("on");
  });

  it("says denied when the browser blocks notifications, and subscribes nothing", async () => {
    const { browser, pushManager } = fakeBrowser({ permission: "denied" });
    expect(await pushState(browser)).toBe("denied");
    expect(await turnOn(browser, fakeServer(), "x")).toBe("denied");
    expect(pushManager.subscribe).not.toHaveBeenCalled();
  });

  it("says failed when no push service answers (as in a browser without Google's)", async () => {
    const { browser } = fakeBrowser({
      subscribe: async () => Promise.reject(new DOMException("Registration failed - push service error", "AbortError")),
    });
    expect(await turnOn(browser, fakeServer(), "x")).toBe("failed");
  });

  it("drops the browser's subscription when the server refuses it", async () => {
    const { browser, current } = fakeBrowser();
    expect(await turnOn(browser, fakeServer(true), "x")).toBe("failed");
    expect(current()!.unsubscribe).toHaveBeenCalled();
  });

  it("says unsupported without service workers or the Push API", async () => {
    const browser: PushBrowser = {
      serviceWorker: undefined,
      pushSupported: false,
      permission: () => "default",
      requestPermission: async () => "granted",
    };
    expect(await pushState(browser)).toBe("unsupported");
    expect(await turnOn(browser, fakeServer(), "x")).toBe("unsupported");
  });

  it("turns off: the server forgets the endpoint, then the browser unsubscribes", async () => {
    const { browser, current } = fakeBrowser({ subscribed: true });
    const server = fakeServer();
    const subscription = current()!;
    expect(await turnOff(browser, server)).toBe("off");
    expect(server.unsubscribed).toEqual([subscription.endpoint]);
    expect(subscription.unsubscribe).toHaveBeenCalled();
  });
});
