/** Step 14: what is still missing to send (at least one kind, consent to record) and a short summary. */
import { t, tp } from "../i18n";
import { missingMinimum } from "../../shared/report/model";
import { formatWhen } from "../components/formatWhen";
import type { StepProps } from "./types";

export function ReviewStep({ draft, goTo, showMissing }: StepProps & { showMissing: boolean }) {
  const missing = missingMinimum(draft);
  const place =
    draft.where.village === "other"
      ? draft.where.other
      : draft.where.village
        ? t(`villages.${draft.where.village}`)
        : null;
  const photos = draft.otherPhotos.length + draft.injuries.reduce((sum, injury) => sum + injury.photos.length, 0);
  const rows: [string, string | null][] = [
    [t("review.what"), draft.kinds.map((kind) => t(`kinds.${kind}`)).join("; ") || null],
    [t("review.when"), formatWhen(draft.when)],
    [
      t("review.where"),
      [place, draft.where.placeType ? t(`placeTypes.${draft.where.placeType}`) : null].filter(Boolean).join(", ") ||
        null,
    ],
    [t("review.victims"), draft.victims.length ? tp("review.victimsCount", draft.victims.length) : null],
    [t("review.injuries"), draft.injuries.length ? tp("injuries.count", draft.injuries.length) : null],
    [t("review.photos"), photos ? tp("photos.count", photos) : null],
  ];
  return (
    <>
      {missing.length > 0 && (
        <div class={showMissing ? "missing alert" : "missing"} role={showMissing ? "alert" : undefined} id="missing">
          <p>
            <strong>{t("review.missingTitle")}</strong>
          </p>
          <ul>
            {missing.map((what) => (
              <li key={what}>
                {t(what === "kinds" ? "review.missingKinds" : "review.missingConsent")}{" "}
                <button type="button" class="link" onClick={() => goTo(what === "kinds" ? "what" : "reporter")}>
                  {t("review.goThere")}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>{t("review.intro")}</p>
      <dl class="summary">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value ?? t("review.nothing")}</dd>
          </div>
        ))}
      </dl>
      <p class="safety">{t("review.safety")}</p>
    </>
  );
}
