/**
 * A v2 yes / no / don't know question. Nothing is selected until the reporter answers: "don't know"
 * is an answer, a question left alone stays null (docs/report-format.md, "Conventions").
 */
import type { Answer } from "../../shared/report/v2";
import { t } from "../i18n";
import { RadioGroup } from "./fields";

type Given = Exclude<Answer, null>;
const ANSWERS: Given[] = ["yes", "no", "dont_know"];

interface Props {
  legend: string;
  value: Answer;
  onChange: (value: Answer) => void;
  /** `data-testid` prefix: each option gets `<prefix>-yes|no|dont_know`. */
  testid?: string | undefined;
}

export function AnswerField({ legend, value, onChange, testid }: Props) {
  return (
    <RadioGroup
      legend={legend}
      value={value}
      inline
      options={ANSWERS.map((answer) => ({
        value: answer,
        label: t(`common.${answer === "dont_know" ? "unknown" : answer}`),
      }))}
      onChange={onChange}
      testid={testid ? (answer) => `${testid}-${answer}` : undefined}
    />
  );
}
