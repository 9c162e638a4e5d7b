/** Step 10: medical care and the forensic examination. */
import { t } from "../i18n";
import type { Medical } from "../../shared/report/model";
import { RadioGroup, TextField } from "../components/fields";
import { YesNoUnknown } from "../components/YesNoUnknown";
import { section, setter } from "../wizard/draft";
import type { StepProps } from "./types";

const EXAMS: NonNullable<Medical["forensicExam"]>[] = ["requested", "done", "refused", "not_requested"];

export function MedicalStep({ draft, update }: StepProps) {
  const medical = section(draft, "medical");
  const set = setter(update, "medical");
  return (
    <>
      <YesNoUnknown
        legend={t("medical.careReceived")}
        value={medical.careReceived}
        onChange={(v) => set("careReceived", v)}
      />
      <RadioGroup
        legend={t("medical.forensicExam")}
        value={medical.forensicExam}
        options={EXAMS.map((exam) => ({ value: exam, label: t(`medical.${exam}`) }))}
        onChange={(v) => set("forensicExam", v)}
      />
      <TextField
        label={t("medical.symptoms")}
        hint={t("medical.symptomsHint")}
        value={medical.symptoms}
        onChange={(v) => set("symptoms", v)}
        multiline
      />
    </>
  );
}
