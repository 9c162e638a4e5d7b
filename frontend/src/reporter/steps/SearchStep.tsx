/**
 * House searches: whose house, who sanctioned it, the paper shown, понятые, who was there, what was
 * taken, start and end. Appeal: "a search has been underway since 12 P.M. in the house of Seishanlo Dvumar".
 */
import { t } from "../i18n";
import { unanswered } from "../../shared/report/draftV2";
import { AnswerField } from "../components/AnswerField";
import { CheckField, TextField } from "../components/fields";
import { WhenField } from "../components/WhenField";
import { ActList, type FieldsProps } from "../acts/ActList";
import type { StepPropsV2 } from "./typesV2";

function SearchFields({ act, set, testid }: FieldsProps<"search">) {
  return (
    <>
      <TextField
        label={t("searchV2.whoseHouse")}
        hint={t("searchV2.whoseHouseHint")}
        value={act.whoseHouse}
        onChange={(whoseHouse) => set({ whoseHouse })}
        testid={testid("whoseHouse")}
      />
      <CheckField
        label={t("searchV2.ended")}
        checked={act.end !== null}
        onChange={(on) => set({ end: on ? unanswered() : null })}
        testid={testid("ended")}
      />
      {act.end && (
        <div data-testid={testid("end")}>
          <WhenField
            legend={t("searchV2.end")}
            value={act.end}
            onChange={(end) => set({ end })}
            testid={testid("end")}
          />
        </div>
      )}
      <AnswerField
        legend={t("searchV2.warrantShown")}
        value={act.warrantShown}
        onChange={(warrantShown) => set({ warrantShown })}
        testid={testid("warrantShown")}
      />
      <TextField
        label={t("searchV2.sanctionedBy")}
        hint={t("searchV2.sanctionedByHint")}
        value={act.sanctionedBy}
        onChange={(sanctionedBy) => set({ sanctionedBy })}
        testid={testid("sanctionedBy")}
      />
      <AnswerField
        legend={t("searchV2.witnessesPresent")}
        value={act.witnessesPresent}
        onChange={(witnessesPresent) => set({ witnessesPresent })}
        testid={testid("witnessesPresent")}
      />
      <TextField
        label={t("searchV2.present")}
        hint={t("searchV2.presentHint")}
        value={act.present}
        onChange={(present) => set({ present })}
        testid={testid("present")}
      />
      <TextField
        label={t("searchV2.itemsSeized")}
        value={act.itemsSeized}
        onChange={(itemsSeized) => set({ itemsSeized })}
        multiline
        testid={testid("itemsSeized")}
      />
      <AnswerField
        legend={t("searchV2.inventoryGiven")}
        value={act.inventoryGiven}
        onChange={(inventoryGiven) => set({ inventoryGiven })}
        testid={testid("inventoryGiven")}
      />
    </>
  );
}

export function SearchStep(props: StepPropsV2) {
  return (
    <ActList
      {...props}
      type="search"
      step="search"
      intro={t("searchV2.intro")}
      whomLegend={t("searchV2.whom")}
      whenLegend={t("searchV2.when")}
      whereLegend={t("actsV2.where")}
      Fields={SearchFields}
    />
  );
}
