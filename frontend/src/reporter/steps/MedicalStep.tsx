/**
 * Medical care, once per person: care received, the examination (where, when, by whom, police
 * present, on admission to the ИВС), справка о побоях, forensic medical and psychological
 * examinations, symptoms, after-effects of suffocation and a short psychological checklist (Appeal:
 * forensic medical and psychological examinations "must be carried out"). Each sign is a yes / no /
 * don't know with nothing pre-selected: a "no" is recorded as no, not as a box left empty.
 */
import { t } from "../i18n";
import type { Exam, MedicalCare, PsychologicalSigns, SuffocationSigns } from "../../shared/report/v2";
import { AnswerField } from "../components/AnswerField";
import { Group, RadioGroup, TextField } from "../components/fields";
import { SourceField } from "../components/SourceField";
import { WhenField } from "../components/WhenField";
import { applyChange, type Change } from "../acts/change";
import { personLabel } from "../acts/linking";
import { medicalShown, putMedical } from "../acts/medical";
import { PersonPicker } from "../acts/PersonPicker";
import type { StepPropsV2 } from "./typesV2";

type Status = NonNullable<Exam["status"]>;
const STATUSES: Status[] = ["requested", "done", "refused", "not_requested", "dont_know"];
const SUFFOCATION: (keyof SuffocationSigns)[] = ["lostConsciousness", "eyeBleeding", "hoarseVoice"];
const PSYCHOLOGICAL: (keyof PsychologicalSigns)[] = [
  "sleepProblems",
  "nightmares",
  "fear",
  "memoryProblems",
  "withdrawn",
  "hopelessness",
];

function ExamFields({
  kind,
  exam,
  onChange,
  testid,
}: {
  kind: "forensicExam" | "psychologicalExam";
  exam: Exam;
  /** The fields changed: merged into the exam as it is in the latest draft. */
  onChange: (change: Partial<Exam>) => void;
  testid: string;
}) {
  return (
    <Group legend={t(`medicalV2.${kind}`)} hint={t(`medicalV2.${kind}Hint`)}>
      <RadioGroup
        legend={t("medicalV2.examStatus")}
        value={exam.status}
        options={STATUSES.map((s) => ({ value: s, label: t(`medicalV2.statuses.${s}`) }))}
        onChange={(status) => onChange({ status })}
        testid={(s) => `${testid}-status-${s}`}
      />
      {(exam.status === "done" || exam.status === "requested") && (
        <>
          <div data-testid={`${testid}-when`}>
            <WhenField
              legend={t("medicalV2.examWhen")}
              value={exam.when}
              onChange={(when) => onChange({ when })}
              testid={`${testid}-when`}
            />
          </div>
          <TextField
            label={t("medicalV2.examResult")}
            hint={t("medicalV2.examResultHint")}
            value={exam.result}
            onChange={(result) => onChange({ result })}
            multiline
            testid={`${testid}-result`}
          />
        </>
      )}
    </Group>
  );
}

function CareCard({
  care,
  index,
  draft,
  set,
  goTo,
}: {
  care: MedicalCare;
  index: number;
  draft: StepPropsV2["draft"];
  set: (change: Change<MedicalCare>) => void;
  goTo: StepPropsV2["goTo"];
}) {
  const testid = (field: string): string => `medical-${index + 1}-${field}`;
  const tied = care.personId !== null && draft.people.some((p) => p.id === care.personId);
  const legend = tied
    ? t("medicalV2.of", { name: personLabel(draft.people, care.personId!, t) })
    : t("medicalV2.title");
  return (
    <Group legend={legend}>
      <div data-testid={testid("card")}>
        {!tied && draft.people.length > 0 && (
          <PersonPicker
            legend={t("medicalV2.whose")}
            people={draft.people}
            value={care.personId ? [care.personId] : []}
            onChange={(ids) => set({ personId: ids[0] ?? null })}
            single
            onAddPeople={() => goTo("people")}
            testid={testid("person")}
          />
        )}
        <AnswerField
          legend={t("medicalV2.careReceived")}
          value={care.careReceived}
          onChange={(careReceived) => set({ careReceived })}
          testid={testid("careReceived")}
        />
        <Group legend={t("medicalV2.examination")}>
          <TextField
            label={t("medicalV2.examinedWhere")}
            hint={t("medicalV2.examinedWhereHint")}
            value={care.examinedWhere}
            onChange={(examinedWhere) => set({ examinedWhere })}
            testid={testid("examinedWhere")}
          />
          <div data-testid={testid("examinedWhen")}>
            <WhenField
              legend={t("medicalV2.examinedWhen")}
              value={care.examinedWhen}
              onChange={(examinedWhen) => set({ examinedWhen })}
              testid={testid("examinedWhen")}
            />
          </div>
          <TextField
            label={t("medicalV2.examinedBy")}
            hint={t("medicalV2.examinedByHint")}
            value={care.examinedBy}
            onChange={(examinedBy) => set({ examinedBy })}
            testid={testid("examinedBy")}
          />
          <AnswerField
            legend={t("medicalV2.policePresent")}
            value={care.policePresent}
            onChange={(policePresent) => set({ policePresent })}
            testid={testid("policePresent")}
          />
          <AnswerField
            legend={t("medicalV2.examinedOnAdmission")}
            value={care.examinedOnAdmission}
            onChange={(examinedOnAdmission) => set({ examinedOnAdmission })}
            testid={testid("examinedOnAdmission")}
          />
          <AnswerField
            legend={t("medicalV2.beatingCertificate")}
            value={care.beatingCertificate}
            onChange={(beatingCertificate) => set({ beatingCertificate })}
            testid={testid("beatingCertificate")}
          />
        </Group>
        <ExamFields
          kind="forensicExam"
          exam={care.forensicExam}
          onChange={(change) => set((c) => ({ forensicExam: { ...c.forensicExam, ...change } }))}
          testid={testid("forensicExam")}
        />
        <ExamFields
          kind="psychologicalExam"
          exam={care.psychologicalExam}
          onChange={(change) => set((c) => ({ psychologicalExam: { ...c.psychologicalExam, ...change } }))}
          testid={testid("psychologicalExam")}
        />
        <TextField
          label={t("medicalV2.symptoms")}
          hint={t("medicalV2.symptomsHint")}
          value={care.symptoms}
          onChange={(symptoms) => set({ symptoms })}
          multiline
          testid={testid("symptoms")}
        />
        <Group legend={t("medicalV2.suffocation")} hint={t("medicalV2.suffocationHint")}>
          {SUFFOCATION.map((sign) => (
            <AnswerField
              key={sign}
              legend={t(`medicalV2.signs.${sign}`)}
              value={care.suffocation[sign]}
              onChange={(answer) => set((c) => ({ suffocation: { ...c.suffocation, [sign]: answer } }))}
              testid={testid(sign)}
            />
          ))}
        </Group>
        <Group legend={t("medicalV2.psychological")} hint={t("medicalV2.psychologicalHint")}>
          {PSYCHOLOGICAL.map((sign) => (
            <AnswerField
              key={sign}
              legend={t(`medicalV2.signs.${sign}`)}
              value={care.psychological[sign]}
              onChange={(answer) => set((c) => ({ psychological: { ...c.psychological, [sign]: answer } }))}
              testid={testid(sign)}
            />
          ))}
        </Group>
        <SourceField value={care.source} onChange={(source) => set({ source })} testid={testid("source")} />
      </div>
    </Group>
  );
}

export function MedicalStep({ draft, update, goTo }: StepPropsV2) {
  return (
    <>
      <p>{t("medicalV2.intro")}</p>
      {medicalShown(draft).map((care, index) => (
        <CareCard
          key={care.id}
          care={care}
          index={index}
          draft={draft}
          goTo={goTo}
          set={(change) => update((d) => putMedical(d, care, (c) => applyChange(c, change)))}
        />
      ))}
    </>
  );
}
