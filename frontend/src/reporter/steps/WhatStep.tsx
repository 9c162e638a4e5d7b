/** What happened (the kinds; at least one is needed to send) and whether it is happening now. */
import { t } from "../i18n";
import type { IncidentKind } from "../../shared/report/v2";
import { CheckField, Group } from "../components/fields";
import { toggle } from "../wizard/toggle";
import type { StepPropsV2 } from "./typesV2";

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

/** The kinds as large checkboxes (`kind-<kind>`): shared by this step and the short path. */
export function KindChecks({ draft, update }: Pick<StepPropsV2, "draft" | "update">) {
  return (
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
  );
}

export function WhatStep({ draft, update }: StepPropsV2) {
  return (
    <>
      <KindChecks draft={draft} update={update} />
      <div class="urgent-check">
        <CheckField
          label={t("kinds.happeningNow")}
          checked={draft.happeningNow}
          onChange={(on) => update((d) => ({ ...d, happeningNow: on }))}
          testid="happening-now"
        />
      </div>
    </>
  );
}
