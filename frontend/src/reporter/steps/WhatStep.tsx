/** Step 1: what happened (the kinds; at least one is needed to send) and whether it is happening now. */
import { t } from "../i18n";
import type { IncidentKind } from "../../shared/report/model";
import { CheckField, Group } from "../components/fields";
import { toggle } from "../wizard/draft";
import type { StepProps } from "./types";

export const KINDS: IncidentKind[] = [
  "detention",
  "search",
  "interrogation",
  "torture",
  "threats",
  "paperwork",
  "harm_to_relatives",
  "other",
];

export function WhatStep({ draft, update }: StepProps) {
  return (
    <>
      <Group legend={t("kinds.legend")}>
        {KINDS.map((kind) => (
          <CheckField
            key={kind}
            label={t(`kinds.${kind}`)}
            checked={draft.kinds.includes(kind)}
            onChange={(on) => update((d) => ({ ...d, kinds: toggle(d.kinds, kind, on) }))}
            testid={`kind-${kind}`}
          />
        ))}
      </Group>
      <div class="urgent-check">
        <CheckField
          label={t("kinds.happeningNow")}
          checked={draft.happeningNow}
          onChange={(on) => update((d) => ({ ...d, happeningNow: on }))}
        />
      </div>
    </>
  );
}
