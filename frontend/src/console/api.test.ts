/**
 * The review API client: the session cookie rides along, the CSRF token from sign-in goes on every
 * state-changing request and on no read, refusals become `ApiError`s with the server's code, and a
 * lost session (401) sends the reviewer back to sign-in.
 */
import { describe, expect, it } from "vitest";

import { ApiError, CSRF_HEADER, ReviewApi } from "./api";
import type { Reviewer } from "./apiTypes";
import { json, refusal, scriptedFetch, type Handler } from "./testing/fetch";

const amina: Reviewer = {
  id: "r1",
  name: "amina",
  role: "triager",
  state: "active",
  recipient: null,
  recipient_state: "none",
};

function client(handler: Handler) {
  const script = scriptedFetch(handler);
  let signedOut = 0;
  const api = new ReviewApi({ fetch: script.fetch, onSignedOut: () => (signedOut += 1) });
  return { api, requests: script.requests, signedOut: () => signedOut };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  throw new Error("the request succeeded");
}

describe("the review API client", () => {
  it("signs in, then sends the CSRF token on every POST, PUT, PATCH and DELETE, and on no GET", async () => {
    const { api, requests } = client((request) => {
      if (request.url.endsWith("/session") && request.method === "POST")
        return json(200, { reviewer: amina, csrf_token: "tok-1" });
      if (request.url.endsWith("/session") && request.method === "DELETE") return new Response(null, { status: 204 });
      if (request.url.includes("/ciphertext")) return new Response(Uint8Array.of(1, 2, 3));
      return json(200, { report_id: "x", reviewer: amina });
    });

    await api.signIn("amina", "correct horse battery", "123456");
    expect(api.csrfToken).toBe("tok-1");
    await api.me();
    await api.reportCiphertext("rep-1");
    await api.setRecipient("age1xyz");
    await api.updateTriage("rep-1", { priority: "high" });
    await api.setStatus("rep-1", "in_review");
    await api.addNote("rep-1", Uint8Array.of(9, 9));
    await api.signOut();

    const sent = requests.map((r) => [r.method, new URL(r.url, "http://x").pathname, r.headers.get(CSRF_HEADER)]);
    expect(sent).toEqual([
      ["POST", "/api/v1/review/session", null],
      ["GET", "/api/v1/review/me", null],
      ["GET", "/api/v1/review/reports/rep-1/ciphertext", null],
      ["PUT", "/api/v1/review/me/recipient", "tok-1"],
      ["PATCH", "/api/v1/review/reports/rep-1", "tok-1"],
      ["POST", "/api/v1/review/reports/rep-1/status", "tok-1"],
      ["POST", "/api/v1/review/reports/rep-1/notes", "tok-1"],
      ["DELETE", "/api/v1/review/session", "tok-1"],
    ]);
    expect(requests.every((r) => r.credentials === "same-origin")).toBe(true);
    expect(api.csrfToken).toBeNull();
  });

  it("sends JSON bodies as JSON and sealed notes as octet-stream bytes", async () => {
    const { api, requests } = client(() => json(201, { note_id: "n1" }));
    await api.setStatus("rep-1", "duplicate", "rep-0");
    await api.addNote("rep-1", Uint8Array.of(0x61, 0x67, 0x65));
    expect(requests[0]?.headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(String(requests[0]?.body))).toEqual({ status: "duplicate", duplicate_of: "rep-0" });
    expect(requests[1]?.headers.get("Content-Type")).toBe("application/octet-stream");
    expect(requests[1]?.body).toEqual(Uint8Array.of(0x61, 0x67, 0x65));
  });

  it("pages the queue with limit and before", async () => {
    const { api, requests } = client(() => json(200, { reports: [], next_before: null }));
    await api.reports({ limit: 50, before: "2026-11-25T06:00:00Z" });
    await api.reports();
    expect(requests.map((r) => r.url)).toEqual([
      "/api/v1/review/reports?limit=50&before=2026-11-25T06%3A00%3A00Z",
      "/api/v1/review/reports",
    ]);
  });

  it("turns the server's {error: {code, message}} into an ApiError with that code", async () => {
    const { api } = client((request) => {
      if (request.url.endsWith("/status")) return refusal(409, "transition_refused", "A new report cannot be closed.");
      if (request.url.endsWith("/recipient")) return refusal(422, "invalid_recipient");
      if (request.url.endsWith("/audit")) return refusal(403, "forbidden");
      if (request.url.includes("/invitations/")) return refusal(410, "invitation_expired");
      return new Response("<html>proxy</html>", { status: 502 });
    });
    const error = await api.setStatus("rep-1", "closed").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: "transition_refused", message: "A new report cannot be closed." });
    expect(await codeOf(api.setRecipient("nope"))).toBe("invalid_recipient");
    expect(await codeOf(api.audit())).toBe("forbidden");
    expect(await codeOf(api.invitation("tok"))).toBe("invitation_expired");
    expect(await codeOf(api.me())).toBe("http_502");
  });

  it("reports an unreachable server as `network`", async () => {
    const api = new ReviewApi({
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    expect(await codeOf(api.me())).toBe("network");
  });

  it("goes back to sign-in on a 401 (the session ended), forgetting the CSRF token", async () => {
    let expired = false;
    const { api, signedOut } = client((request) => {
      if (request.method === "POST" && request.url.endsWith("/session"))
        return json(200, { reviewer: amina, csrf_token: "tok-2" });
      return expired ? refusal(401, "not_signed_in") : json(200, amina);
    });
    await api.signIn("amina", "correct horse battery", "123456");
    await api.me();
    expect(signedOut()).toBe(0);
    expired = true;
    expect(await codeOf(api.me())).toBe("not_signed_in");
    expect(signedOut()).toBe(1);
    expect(api.csrfToken).toBeNull();
  });

  it("does not take a failed sign-in or a refused invitation for a lost session", async () => {
    const { api, signedOut } = client((request) =>
      request.url.includes("/invitations/") ? refusal(401, "login_failed") : refusal(401, "login_failed"),
    );
    expect(await codeOf(api.signIn("amina", "wrong password!", "000000"))).toBe("login_failed");
    expect(await codeOf(api.acceptInvitation("tok", "a long password", "000000"))).toBe("login_failed");
    expect(signedOut()).toBe(0);
  });

  it("is told when its network has tried to sign in too often", async () => {
    const { api } = client(() => refusal(429, "rate_limited", "Too many requests; try again in 12 seconds."));
    expect(await codeOf(api.signIn("amina", "wrong password!", "000000"))).toBe("rate_limited");
  });

  it("keeps the CSRF token of an accepted invitation and of GET /session", async () => {
    const { api, requests } = client((request) => {
      if (request.url.endsWith("/accept")) return json(201, { reviewer: amina, csrf_token: "tok-invite" });
      if (request.url.endsWith("/session")) return json(200, { reviewer: amina, csrf_token: "tok-session" });
      return json(200, amina);
    });
    await api.acceptInvitation("abc", "a long password", "123456");
    expect(api.csrfToken).toBe("tok-invite");
    await api.session();
    expect(api.csrfToken).toBe("tok-session");
    await api.setRecipient("age1xyz");
    expect(requests.at(-1)?.headers.get(CSRF_HEADER)).toBe("tok-session");
    // The invitation's own POSTs carry no token: there is no session yet.
    expect(requests[0]?.headers.get(CSRF_HEADER)).toBeNull();
  });
});
