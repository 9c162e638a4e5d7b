/** Fetches and opens one attachment (two at a time), giving an object URL that is revoked when it leaves. */
import { useEffect, useState } from "preact/hooks";

import { useConsole } from "../context";
import { limiter } from "../queue/pool";
import type { OpenedAttachment } from "./openDocument";
import { openableAttachment } from "../grants/grants";

const gate = limiter(2);

export type Opening =
  | { name: "waiting" }
  | { name: "missing" }
  | { name: "failed" }
  | { name: "open"; opened: OpenedAttachment; url: string };

export function useOpened(
  attachmentId: string,
  received: boolean,
  openWith: (ciphertext: Uint8Array, identities: readonly string[]) => Promise<OpenedAttachment>,
): Opening {
  const { api, keyring } = useConsole();
  const [state, setState] = useState<Opening>(received ? { name: "waiting" } : { name: "missing" });
  useEffect(() => {
    if (!received) return;
    let url: string | null = null;
    let gone = false;
    gate(async () => {
      if (gone) return;
      const identities = keyring.identitiesFor(attachmentId);
      const opened = await openWith(await openableAttachment(api, identities, attachmentId), identities);
      if (gone) return;
      // Only a known type is ever shown or opened; anything else can only be downloaded.
      url = URL.createObjectURL(new Blob([opened.bytes], { type: opened.type || "application/octet-stream" }));
      setState({ name: "open", opened, url });
    }).catch(() => !gone && setState({ name: "failed" }));
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [attachmentId, received]);
  return state;
}
