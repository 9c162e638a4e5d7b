/**
 * Test-only: a stand-in for the intake API behind a stubbed `fetch`. It answers report PUTs the way
 * the test scripts (a receipt, a captive portal's 200 page, 409, 500, no network...) and serves a
 * signed recipient list; for follow-ups it keeps each report's token digest, answers
 * `POST /api/v1/reports/updates` for proven reports, and takes answer PUTs (scripted the same way)
 * only with the right token, and withdrawals of stopped originals likewise. Never imported by the app.
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
  /** `Kua-Reporter-Token-Sha256` of each stored report. */
  readonly tokenDigests = new Map<string, string>();
  /** Status and sealed questions the updates endpoint answers, by report id. */
  readonly statuses = new Map<string, string>();
  readonly questions = new Map<string, { question_id: string; asked_at: string; ciphertext: string }[]>();
  /** Answers for the next answer PUTs, in order; when empty, "receipt". */
  readonly answerAnswers: ReportAnswer[] = [];
  /** Answers stored, by answer id. */
  readonly storedAnswers = new Map<string, Uint8Array>();
  /** How the next withdrawals are answered, in order; when empty, recorded ("receipt"). */
  readonly withdrawalAnswers: ReportAnswer[] = [];
  /** Withdrawals recorded, as `reportId/attachmentId`. */
  readonly withdrawn = new Set<string>();

  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body =
      request.method === "GET" || request.method === "HEAD" ? null : new Uint8Array(await request.arrayBuffer());
    const path = new URL(request.url).pathname;
    this.requests.push({ method: request.method, path, headers: request.headers, body });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (request.method === "GET" && path === "/api/v1/recipients") {
        if (this.recipientList === null)
          return json({ error: { code: "no_recipient_list", message: "None yet." } }, 404);
        // As the server does: a strong ETag of the bytes, and a bodiless 304 when the phone names it.
        const etag = `"${await hex256(new TextEncoder().encode(this.recipientList))}"`;
        if (request.headers.get("If-None-Match") === etag)
          return new Response(null, { status: 304, headers: { ETag: etag } });
        return new Response(this.recipientList, { headers: { "Content-Type": "application/json", ETag: etag } });
      }
      if (request.method === "POST" && path === "/api/v1/reports/updates" && body !== null) {
        return await this.answerUpdates(body);
      }
      const answerPath = /^\/api\/v1\/reports\/([0-9a-f-]+)\/answers\/([0-9a-f-]+)$/.exec(path);
      if (request.method === "PUT" && answerPath?.[1] !== undefined && answerPath[2] !== undefined && body !== null) {
        return await this.answerAnswerPut(
          answerPath[1],
          answerPath[2],
          request.headers.get("kua-reporter-token"),
          body,
        );
      }
      const withdrawal = /^\/api\/v1\/reports\/([0-9a-f-]+)\/attachments\/([^/]+)\/withdrawal$/.exec(path);
      if (request.method === "PUT" && withdrawal?.[1] !== undefined && withdrawal[2] !== undefined) {
        return await this.answerWithdrawal(withdrawal[1], withdrawal[2], request.headers.get("kua-reporter-token"));
      }
      const match = /^\/api\/v1\/reports\/([0-9a-f-]+)$/.exec(path);
      if (request.method === "PUT" && match?.[1] !== undefined && body !== null) {
        if (this.gate !== null) await this.gate;
        const digest = request.headers.get("kua-reporter-token-sha256");
        const response = await this.answerPut(match[1], body);
        if (digest !== null && response.status < 300) this.tokenDigests.set(match[1], digest);
        return response;
      }
      return json({ error: { code: "not_found", message: "No such route." } }, 404);
    } finally {
      this.inFlight -= 1;
    }
  };

  /** The report PUTs received, in order. */
  puts(): SeenRequest[] {
    return this.requests.filter((request) => request.method === "PUT" && !request.path.includes("/answers/"));
  }

  /** The answer PUTs received, in order. */
  answerPuts(): SeenRequest[] {
    return this.requests.filter((request) => request.method === "PUT" && request.path.includes("/answers/"));
  }

  private async proven(reportId: string, token: string | null): Promise<boolean> {
    const digest = this.tokenDigests.get(reportId);
    return token !== null && digest !== undefined && digest === (await hex256(new TextEncoder().encode(token)));
  }

  private async answerUpdates(body: Uint8Array): Promise<Response> {
    const { reports } = JSON.parse(new TextDecoder().decode(body)) as {
      reports: { report_id: string; reporter_token: string }[];
    };
    if (reports.length > 100) return json({ error: { code: "too_many_reports", message: "At most 100." } }, 422);
    const proven = [];
    for (const claim of reports) {
      if (!(await this.proven(claim.report_id, claim.reporter_token))) continue;
      proven.push({
        report_id: claim.report_id,
        status: this.statuses.get(claim.report_id) ?? "received",
        questions: this.questions.get(claim.report_id) ?? [],
      });
    }
    return json({ reports: proven }, 200);
  }

  private async answerAnswerPut(
    reportId: string,
    answerId: string,
    token: string | null,
    body: Uint8Array<ArrayBuffer>,
  ): Promise<Response> {
    if (!(await this.proven(reportId, token)))
      return json({ error: { code: "report_not_found", message: "No such report." } }, 404);
    const answer = this.answerAnswers.shift() ?? "receipt";
    if (answer === "network_error") throw new TypeError("Failed to fetch");
    if (answer === "captive_portal") return new Response("<html>Wi-Fi login</html>", { status: 200 });
    if (answer === "server_error") return json({ error: { code: "internal_error", message: "Something broke." } }, 500);
    if (answer === "conflict") return json({ error: { code: "answer_conflict", message: "Other bytes." } }, 409);
    const sha256 = answer === "receipt" ? await hex256(body) : "0".repeat(64);
    const created = !this.storedAnswers.has(answerId);
    if (answer === "receipt") this.storedAnswers.set(answerId, body);
    return json(
      {
        version: 1,
        answer_id: answerId,
        report_id: reportId,
        sha256,
        size: body.length,
        received_at: "2026-11-26T09:00:00Z",
      },
      created ? 201 : 200,
    );
  }

  private async answerWithdrawal(reportId: string, attachmentId: string, token: string | null): Promise<Response> {
    if (!(await this.proven(reportId, token)))
      return json({ error: { code: "reporter_not_proven", message: "Not proven." } }, 403);
    const answer = this.withdrawalAnswers.shift() ?? "receipt";
    if (answer === "network_error") throw new TypeError("Failed to fetch");
    if (answer === "server_error") return json({ error: { code: "internal_error", message: "Something broke." } }, 500);
    this.withdrawn.add(`${reportId}/${attachmentId}`);
    return new Response(null, { status: 204 });
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
