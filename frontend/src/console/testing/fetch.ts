/** Test-only: a scripted `fetch` that records every request the console makes. */

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | Uint8Array | null;
  credentials: RequestCredentials | undefined;
}

export type Handler = (request: RecordedRequest) => Response | Promise<Response>;

export const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

export const refusal = (status: number, code: string, message = `refused: ${code}`): Response =>
  json(status, { error: { code, message } });

/** A fetch answering by `handler`, remembering what was asked in `requests`. */
export function scriptedFetch(handler: Handler): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fake = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    let body: string | Uint8Array | null = null;
    if (typeof init.body === "string") body = init.body;
    else if (init.body instanceof Blob) body = new Uint8Array(await init.body.arrayBuffer());
    const request: RecordedRequest = {
      method: init.method ?? "GET",
      url: input instanceof Request ? input.url : String(input),
      headers: new Headers(init.headers),
      body,
      credentials: init.credentials,
    };
    requests.push(request);
    return handler(request);
  };
  return { fetch: fake, requests };
}
