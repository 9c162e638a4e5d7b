/**
 * The photos of the case with their SHA-256 (of the original, and of the sealed copy when the
 * phone downscaled it) and capture times; each is fetched, decrypted and hash-checked in the
 * browser as the report screen does it (attachments/openPhoto.ts), two at a time, and shown through
 * an object URL revoked when the dossier closes.
 */
import { useEffect, useState } from "preact/hooks";

import { openPhoto } from "../attachments/openPhoto";
import { useConsole } from "../context";
import { limiter } from "../queue/pool";
import type { Dossier, DossierPhoto } from "./dossier";
import type { DocumentLanguage } from "./language";
import { FactTable, Part, type Row } from "./Table";
import { reportRef } from "./words";
import { openableAttachment } from "../grants/grants";

const gate = limiter(2);

type State = "waiting" | "missing" | "withdrawn" | "failed" | "notImage" | { url: string; hashOk: boolean };

function usePhoto(item: DossierPhoto): State {
  const { api, keyring } = useConsole();
  const [state, setState] = useState<State>(item.received ? "waiting" : item.withdrawn ? "withdrawn" : "missing");
  useEffect(() => {
    if (!item.received) return;
    let url: string | null = null;
    let gone = false;
    gate(async () => {
      if (gone) return;
      const opened = await openPhoto(
        await openableAttachment(api, keyring.identitiesFor(item.photo.attachmentId), item.photo.attachmentId),
        keyring.identitiesFor(item.photo.attachmentId),
        item.photo,
      );
      if (gone) return;
      if (opened.type === "") return setState("notImage");
      url = URL.createObjectURL(new Blob([opened.bytes], { type: opened.type }));
      setState({ url, hashOk: opened.hashOk });
    }).catch(() => !gone && setState("failed"));
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [item.photo.attachmentId, item.received]);
  return state;
}

function Photo({ L, item }: { L: DocumentLanguage; item: DossierPhoto }) {
  const state = usePhoto(item);
  const { photo } = item;
  return (
    <figure
      // Without the reporter's consent to use the photos, the reviewer sees them; a print never holds them.
      class={item.consented ? "dossier-photo" : "dossier-photo no-print"}
      data-testid="dossier-photo"
      data-sha256={photo.originalSha256}
      data-consented={item.consented ? "yes" : "no"}
    >
      {!item.consented && (
        <p class="dossier-warning" data-testid="dossier-photo-no-consent">
          {L.t("dossier.photos.noConsent")}
        </p>
      )}
      {typeof state === "object" ? (
        <img src={state.url} alt={L.t("dossier.photos.alt", { report: item.reportNumber })} />
      ) : (
        <div class="dossier-photo-missing">{L.t(`dossier.photos.${state}`)}</div>
      )}
      <figcaption>
        <FactTable
          L={L}
          rows={[
            [L.t("dossier.timeline.source"), reportRef(L, item)],
            [
              L.t("dossier.photos.injury"),
              item.injuryNumber === null ? L.t("dossier.photos.notTied") : L.number(item.injuryNumber),
            ],
            [L.t("dossier.photos.captured"), L.instant(photo.capturedAt)],
            [L.t("dossier.photos.originalSha256"), <code>{photo.originalSha256}</code>],
            // The phone sent a smaller copy only when it downscaled; otherwise the hash is the original's
            ...(photo.downscaled
              ? [[L.t("dossier.photos.sealedSha256"), <code>{photo.sealedSha256}</code>] satisfies Row]
              : []),
            [
              L.t("dossier.photos.check"),
              typeof state === "object" ? L.t(state.hashOk ? "dossier.photos.hashOk" : "dossier.photos.hashBad") : null,
            ],
          ]}
        />
      </figcaption>
    </figure>
  );
}

export function PhotosPart({ L, dossier }: { L: DocumentLanguage; dossier: Dossier }) {
  return (
    <Part testid="dossier-photos" title={L.t("dossier.photos.title")}>
      {dossier.photos.length === 0 ? (
        <p class="not-known">{L.t("dossier.doc.noneReported")}</p>
      ) : (
        <div class="dossier-photos">
          {dossier.photos.map((item) => (
            <Photo key={`${item.reportId}:${item.photo.attachmentId}`} L={L} item={item} />
          ))}
        </div>
      )}
    </Part>
  );
}
