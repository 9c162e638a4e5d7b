/**
 * The last step: what is still missing to send (each in one sentence, with a button to its step), a
 * short summary, and Send (the wizard's). A "happening now" report asks consent to record here: its
 * send screen is one of only three.
 */
import { t, tp } from "../i18n";
import { missingToSend, type MissingToSend } from "../../shared/report/draftV2";
import { formatWhen } from "../components/formatWhen";
import { clock } from "../voice/playback";
import { RecordConsent } from "./ConsentStep";
import type { StepPropsV2 } from "./typesV2";

/** Where each missing thing is answered, in a full report and on the short path. */
const WHERE: Record<MissingToSend, { full: string; short: string }> = {
  kinds: { full: "what", short: "now_what" },
  consent: { full: "consent", short: "review" },
};

/** Each document as its type and how many pages (and "PDF"), or null when there is none. */
function documentsSummary(draft: StepPropsV2["draft"]): string | null {
  const one = (document: StepPropsV2["draft"]["documents"][number]): string =>
    [
      t(`documents.types.${document.type ?? "other"}`),
      document.pages.length ? tp("documents.pagesCount", document.pages.length) : null,
      document.pdf ? t("documents.withPdf") : null,
    ]
      .filter(Boolean)
      .join(", ");
  return draft.documents.length ? draft.documents.map(one).join("; ") : null;
}

function Missing({ draft, goTo, showMissing }: StepPropsV2 & { showMissing: boolean }) {
  const missing = missingToSend(draft);
  if (missing.length === 0) return null;
  const fix = (what: MissingToSend): void => {
    const step = WHERE[what][draft.happeningNow ? "short" : "full"];
    if (step === "review") document.querySelector<HTMLElement>('[data-testid="consent-record"]')?.focus();
    else goTo(step);
  };
  return (
    <div
      class={showMissing ? "missing alert" : "missing"}
      role={showMissing ? "alert" : undefined}
      id="missing"
      data-testid="missing"
    >
      <p>
        <strong>{t("review.missingTitle")}</strong>
      </p>
      <ul>
        {missing.map((what) => (
          <li key={what} data-testid={`missing-${what}`}>
            {t(`core.missing.${what}`)}{" "}
            <button type="button" class="link" onClick={() => fix(what)} data-testid={`missing-go-${what}`}>
              {t(`core.missing.${what}Go`)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ReviewStep(props: StepPropsV2 & { showMissing: boolean }) {
  const { draft, update } = props;
  const place =
    draft.where.village === "other"
      ? draft.where.other
      : draft.where.village
        ? t(`villages.${draft.where.village}`)
        : null;
  const photos = draft.otherPhotos.length + draft.injuries.reduce((sum, injury) => sum + injury.photos.length, 0);
  const names = draft.people.map((person) => person.fullName?.trim()).filter(Boolean);
  const rows: [string, string | null][] = [
    [t("review.what"), draft.kinds.map((kind) => t(`kinds.${kind}`)).join("; ") || null],
    [t("review.when"), formatWhen(draft.when)],
    [
      t("review.where"),
      [place, draft.where.placeType ? t(`placeTypes.${draft.where.placeType}`) : null].filter(Boolean).join(", ") ||
        null,
    ],
    [
      t("core.review.people"),
      draft.people.length
        ? [tp("review.victimsCount", draft.people.length), names.join(", ")].filter(Boolean).join(": ")
        : null,
    ],
    [t("review.injuries"), draft.injuries.length ? tp("injuries.count", draft.injuries.length) : null],
    [t("review.photos"), photos ? tp("photos.count", photos) : null],
    [t("documents.review"), documentsSummary(draft)],
    [
      t("voice.review"),
      draft.voice.map((ref, i) => t("voice.recordingN", { n: i + 1, time: clock(ref.durationMs) })).join("; ") || null,
    ],
  ];
  return (
    <>
      <Missing {...props} />
      <p>{t("review.intro")}</p>
      <dl class="summary" data-testid="review-summary">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value ?? t("review.nothing")}</dd>
          </div>
        ))}
      </dl>
      {draft.happeningNow && <RecordConsent draft={draft} update={update} />}
      <p class="safety">{t("review.safety")}</p>
    </>
  );
}
