/** How the reporter knows a fact: saw it, the victim told them, or heard from others (unanswered: null). */
import type { Source } from "../../shared/report/v2";
import { t } from "../i18n";
import { RadioGroup } from "./fields";

const SOURCES: Exclude<Source, null>[] = ["saw_myself", "victim_told_me", "heard_from_others"];

interface Props {
  value: Source;
  onChange: (value: Source) => void;
  /** `data-testid` prefix: each option gets `<prefix>-saw_myself|victim_told_me|heard_from_others`. */
  testid?: string | undefined;
}

export function SourceField({ value, onChange, testid }: Props) {
  return (
    <RadioGroup
      legend={t("source.legend")}
      value={value}
      options={SOURCES.map((source) => ({ value: source, label: t(`source.${source}`) }))}
      onChange={onChange}
      testid={testid ? (source) => `${testid}-${source}` : undefined}
    />
  );
}
