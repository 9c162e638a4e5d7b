/**
 * The push routes of the API (docs/push.md): the public VAPID key, and the signed-in reviewer's
 * subscription with the session's CSRF token, as every change in the console sends it.
 */
import { ApiError, CSRF_HEADER, type ReviewApi } from "../api";
import type { PushServer } from "./consolePush";

async function checked(response: Response): Promise<Response> {
  if (response.ok) return response;
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  throw new ApiError(response.status, body.error?.code ?? `http_${response.status}`, body.error?.message ?? "");
}

/** The server side of the console's push toggle, through `fetch` with the session of `api`. */
export function reviewPushServer(
  api: ReviewApi,
  fetcher: typeof fetch = (input, init) => fetch(input, init),
): PushServer {
  const send = (method: string, body: unknown): Promise<Response> =>
    fetcher("/api/v1/review/push-subscription", {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", [CSRF_HEADER]: api.csrfToken ?? "" },
      body: JSON.stringify(body),
    }).then(checked);
  return {
    vapidPublicKey: async () => {
      const response = await checked(await fetcher("/api/v1/push/key", { credentials: "same-origin" }));
      return ((await response.json()) as { vapid_public_key: string }).vapid_public_key;
    },
    subscribe: async (subscription) => void (await send("PUT", subscription)),
    unsubscribe: async (endpoint) => void (await send("DELETE", { endpoint })),
  };
}
