/** Which failures the screens call a storage fault (say "the phone could not store it"), and which not. */
import { describe, expect, it, vi } from "vitest";

import { PhotoError, engineErrorCode, shownErrorCode, storageFaultName } from "./errors";

describe("a storage fault", () => {
  it.each(["QuotaExceededError", "UnknownError", "AbortError", "InvalidStateError"])("is %s from IndexedDB", (name) => {
    expect(engineErrorCode(new DOMException("IndexedDB says no", name))).toBe("storage");
  });

  it("is found as the cause of another error", () => {
    const wrapped = new Error("put failed", { cause: new DOMException("full", "QuotaExceededError") });
    expect(storageFaultName(wrapped)).toBe("QuotaExceededError");
  });

  it("is not a photo that cannot be read, nor another DOMException, nor a plain error", () => {
    const unreadable = new PhotoError("unreadable", "no", { cause: new DOMException("decode", "EncodingError") });
    expect(engineErrorCode(unreadable)).toBe("unreadable");
    expect(engineErrorCode(new DOMException("clone", "DataCloneError"))).toBe("unknown");
    expect(engineErrorCode(new TypeError("bug"))).toBe("unknown");
  });

  it("is logged with its name when a screen shows it", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(shownErrorCode(new DOMException("full", "QuotaExceededError"))).toBe("storage");
    expect(log.mock.calls[0]?.[0]).toContain("QuotaExceededError");
    log.mockRestore();
  });
});
