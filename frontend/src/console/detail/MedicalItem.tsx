/** One person's medical care: examinations, certificate, forensic and psychological exams, after-effects. */
import { Facts } from "../components/Facts";
import { t } from "../i18n";
import type { Exam, MedicalCare } from "../../shared/report/v2";
import { answerShown, choiceShown, sourceShown, textShown, whenShown, type Shown } from "./format";
import { fact } from "./Value";

/** An exam's status, with its time and result when given. */
function examShown(exam: Exam): Shown {
  const status = choiceShown(exam.status, "person.medical.examStatuses");
  const more = [
    exam.when ? t("person.medical.examWhen", { when: whenShown(exam.when).text }) : null,
    exam.result ? t("person.medical.examResult", { result: exam.result }) : null,
  ].filter(Boolean);
  return more.length > 0 && status.state === "given" ? { ...status, text: [status.text, ...more].join("; ") } : status;
}

const SUFFOCATION = ["lostConsciousness", "eyeBleeding", "hoarseVoice"] as const;
const PSYCHOLOGICAL = ["sleepProblems", "nightmares", "fear", "memoryProblems", "withdrawn", "hopelessness"] as const;

export function MedicalItem({ care }: { care: MedicalCare }) {
  return (
    <div class="subcard" data-testid="person-medical" data-medical-id={care.id}>
      <Facts
        facts={[
          fact(t("person.source.label"), sourceShown(care.source), "source-row"),
          fact(t("person.medical.careReceived"), answerShown(care.careReceived)),
          fact(t("person.medical.examinedWhere"), textShown(care.examinedWhere)),
          fact(t("person.medical.examinedWhen"), whenShown(care.examinedWhen)),
          fact(t("person.medical.examinedBy"), textShown(care.examinedBy)),
          fact(
            t("person.medical.policePresent"),
            answerShown(care.policePresent),
            care.policePresent === "yes" ? "concern-row" : undefined,
          ),
          fact(t("person.medical.examinedOnAdmission"), answerShown(care.examinedOnAdmission)),
          fact(t("person.medical.beatingCertificate"), answerShown(care.beatingCertificate)),
          fact(t("person.medical.forensicExam"), examShown(care.forensicExam)),
          fact(t("person.medical.psychologicalExam"), examShown(care.psychologicalExam)),
          fact(t("person.medical.symptoms"), textShown(care.symptoms)),
        ]}
      />
      <h5>{t("person.medical.suffocation")}</h5>
      <Facts
        facts={SUFFOCATION.map((sign) => fact(t(`person.medical.${sign}`), answerShown(care.suffocation[sign])))}
      />
      <h5>{t("person.medical.psychological")}</h5>
      <Facts
        facts={PSYCHOLOGICAL.map((sign) => fact(t(`person.medical.${sign}`), answerShown(care.psychological[sign])))}
      />
    </div>
  );
}
