/** Step 5: the arrest, with the paperwork checklist (each yes / no / don't know), release, whereabouts. */
import { t } from "../i18n";
import type { Paperwork } from "../../shared/report/model";
import { CheckField, Group, TextField } from "../components/fields";
import { WhenField } from "../components/WhenField";
import { YesNoUnknown } from "../components/YesNoUnknown";
import { section, setter, unknownWhen } from "../wizard/draft";
import type { StepProps } from "./types";

const PAPERWORK: (keyof Paperwork)[] = [
  "detentionRecord",
  "warrant",
  "inventory",
  "familyNotified",
  "chargesTold",
  "lawyerAllowed",
];

export function DetentionStep({ draft, update }: StepProps) {
  const detention = section(draft, "detention");
  const set = setter(update, "detention");
  return (
    <>
      <WhenField
        legend={t("detention.when")}
        value={draft.detention ? detention.when : null}
        onChange={(when) => set("when", when)}
      />
      <TextField
        label={t("detention.takenTo")}
        hint={t("detention.takenToHint")}
        value={detention.takenTo}
        onChange={(v) => set("takenTo", v)}
      />
      <Group legend={t("detention.paperworkTitle")} hint={t("detention.paperworkHint")}>
        {PAPERWORK.map((field) => (
          <YesNoUnknown
            key={field}
            legend={t(`paperwork.${field}`)}
            value={detention.paperwork[field]}
            onChange={(answer) =>
              update((d) => ({
                ...d,
                detention: {
                  ...section(d, "detention"),
                  paperwork: { ...section(d, "detention").paperwork, [field]: answer },
                },
              }))
            }
            testid={`paperwork-${field}`}
          />
        ))}
      </Group>
      <CheckField
        label={t("detention.released")}
        checked={detention.releasedAt !== null}
        onChange={(on) => set("releasedAt", on ? unknownWhen() : null)}
      />
      {detention.releasedAt && (
        <WhenField
          legend={t("detention.releasedAt")}
          value={detention.releasedAt}
          onChange={(when) => set("releasedAt", when)}
        />
      )}
      <CheckField
        label={t("detention.whereaboutsUnknown")}
        checked={detention.whereaboutsUnknown}
        onChange={(on) => set("whereaboutsUnknown", on)}
      />
    </>
  );
}
