/** A yes / no / don't know question, side by side. */
import type { YesNoUnknown as Answer } from "../../shared/report/model";
import { t } from "../i18n";
import { RadioGroup } from "./fields";

const ANSWERS: Answer[] = ["yes", "no", "unknown"];

interface Props {
  legend: string;
  value: Answer;
  onChange: (value: Answer) => void;
  /** `data-testid` prefix: each option gets `<prefix>-yes|no|unknown`. */
  testid?: string;
}

export function YesNoUnknown({ legend, value, onChange, testid }: Props) {
  return (
    <RadioGroup
      legend={legend}
      value={value}
      inline
      options={ANSWERS.map((answer) => ({ value: answer, label: t(`common.${answer}`) }))}
      onChange={onChange}
      testid={testid ? (answer) => `${testid}-${answer}` : undefined}
    />
  );
}
