/**
 * Test-only: a stand-in for the intake API behind a stubbed `fetch`. It answers report PUTs the way
 * the test scripts (a receipt, a captive portal's 200 page, 409, 500, no network...) and serves a
 * signed recipient list. Never imported by the app.
 */

/** How the fake answers one report PUT. */
export type ReportAnswer = "receipt" | "captive_portal" | "conflict" | "server_error" | "network_error" | "wrong_hash";

/** One request the fake received. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly body: Uint8Array | null;
}

/** Lowercase hex SHA-256. */
export async function hex256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The fake intake API; `fetch` is what the engine is given. */
export class FakeIntake {
  /** Answers for the next PUTs, in order; when empty, `defaultAnswer`. */
  readonly answers: ReportAnswer[] = [];
  defaultAnswer: ReportAnswer = "receipt";
  /** The signed list GET /api/v1/recipients serves; null answers 404. */
  recipientList: string | null = null;
  /** Reports stored, by id (what a receipt was given for). */
  readonly stored = new Map<string, Uint8Array>();
  readonly requests: SeenRequest[] = [];
  /** Requests in flight now, and the most ever seen at once. */
  inFlight = 0;
  maxInFlight = 0;
  /** When set, every PUT waits for this promise before answering. */
  gate: Promise<void> | null = null;

  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === "GET" || request.method === "HEAD" ? null : new Uint8Array(await request.arrayBuffer());
    const path = new URL(request.url).pathname;
    this.requests.push({ method: request.method, path, headers: request.headers, body });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (request.method === "GET" && path === "/api/v1/recipients") {
        return this.recipientList === null
          ? json({ error: { code: "no_recipient_list", message: "None yet." } }, 404)
          : new Response(this.recipientList, { headers: { "Content-Type": "application/json" } });
      }
      const match = /^\/api\/v1\/reports\/([0-9a-f-]+)$/.exec(path);
      if (request.method === "PUT" && match?.[1] !== undefined && body !== null) {
        if (this.gate !== null) await this.gate;
        return await this.answerPut(match[1], body);
      }
      return json({ error: { code: "not_found", message: "No such route." } }, 404);
    } finally {
      this.inFlight -= 1;
    }
  };

  /** The PUTs received, in order. */
  puts(): SeenRequest[] {
    return this.requests.filter((request) => request.method === "PUT");
  }

  private async answerPut(reportId: string, body: Uint8Array<ArrayBuffer>): Promise<Response> {
    const answer = this.answers.shift() ?? this.defaultAnswer;
    switch (answer) {
      case "network_error":
        throw new TypeError("Failed to fetch");
      case "captive_portal":
        return new Response("<html><body>Please log in to the Wi-Fi</body></html>", {
          status: 200,
          headers: { "Content-Type": "text/html" },
        });
      case "conflict":
        return json({ error: { code: "report_conflict", message: "Another report holds this id." } }, 409);
      case "server_error":
        return json({ error: { code: "internal_error", message: "Something broke." } }, 500);
      case "wrong_hash":
      case "receipt": {
        const sha256 = answer === "receipt" ? await hex256(body) : "0".repeat(64);
        const created = !this.stored.has(reportId);
        if (answer === "receipt") this.stored.set(reportId, body);
        return json(
          { version: 1, report_id: reportId, sha256, size: body.length, received_at: "2026-11-25T10:00:00Z" },
          created ? 201 : 200,
        );
      }
    }
  }
}

function json(value: unknown, status: number): Response {
  return new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json" } });
}
