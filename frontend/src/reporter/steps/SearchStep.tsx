/** Step 6: the house search. */
import { t } from "../i18n";
import { CheckField, TextField } from "../components/fields";
import { WhenField } from "../components/WhenField";
import { YesNoUnknown } from "../components/YesNoUnknown";
import { section, setter, unknownWhen } from "../wizard/draft";
import type { StepProps } from "./types";

export function SearchStep({ draft, update }: StepProps) {
  const search = section(draft, "search");
  const set = setter(update, "search");
  return (
    <>
      <WhenField
        legend={t("search.start")}
        value={draft.search ? search.start : null}
        onChange={(when) => set("start", when)}
      />
      <CheckField
        label={t("search.ended")}
        checked={search.end !== null}
        onChange={(on) => set("end", on ? unknownWhen() : null)}
      />
      {search.end && <WhenField legend={t("search.end")} value={search.end} onChange={(when) => set("end", when)} />}
      <YesNoUnknown
        legend={t("search.warrantShown")}
        value={search.warrantShown}
        onChange={(v) => set("warrantShown", v)}
      />
      <TextField
        label={t("search.itemsSeized")}
        value={search.itemsSeized}
        onChange={(v) => set("itemsSeized", v)}
        multiline
      />
      <YesNoUnknown
        legend={t("search.inventoryGiven")}
        value={search.inventoryGiven}
        onChange={(v) => set("inventoryGiven", v)}
      />
      <TextField
        label={t("search.present")}
        hint={t("search.presentHint")}
        value={search.present}
        onChange={(v) => set("present", v)}
      />
    </>
  );
}
