/** A complaint already made (SR: domestic steps and their results): to whom, when, the answer. */
import { Facts, Words } from "../components/Facts";
import { t } from "../i18n";
import type { Complaint, ReportV2 } from "../../shared/report/v2";
import { answerShown, sourceShown, textShown, whenShown } from "./format";
import { personName } from "./names";
import { fact } from "./Value";

export function ComplaintItem({ complaint, report }: { complaint: Complaint; report: ReportV2 }) {
  const concerning = complaint.personIds.map((id) => personName(report, id)).join(", ");
  return (
    <li class="subcard" data-testid="person-complaint" data-complaint-id={complaint.id}>
      <Facts
        facts={[
          fact(t("person.complaints.to"), textShown(complaint.to)),
          fact(t("person.complaints.when"), whenShown(complaint.when)),
          fact(t("person.complaints.concerning"), textShown(concerning || t("person.complaints.nobody"))),
          fact(t("person.source.label"), sourceShown(complaint.source), "source-row"),
          fact(t("person.complaints.answered"), answerShown(complaint.answered)),
        ]}
      />
      <Words text={complaint.answer} />
    </li>
  );
}
