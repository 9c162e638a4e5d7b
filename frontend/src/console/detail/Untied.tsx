/** What the reporter tied to nobody: acts without people, injuries and care without a person. */
import type { AttachmentMeta } from "../apiTypes";
import { fmtNumber, t } from "../i18n";
import type { ReportV2 } from "../../shared/report/v2";
import { ActItem } from "./ActItem";
import { hasUntied, type Untied as UntiedParts } from "./byPerson";
import { ComplaintItem } from "./ComplaintItem";
import { InjuryList } from "./InjuryList";
import { MedicalItem } from "./MedicalItem";

interface Props {
  untied: UntiedParts;
  report: ReportV2;
  attachments: readonly AttachmentMeta[];
}

export function Untied({ untied, report, attachments }: Props) {
  if (!hasUntied(untied)) return null;
  return (
    <section class="section untied" data-testid="untied-items">
      <h2>{t("person.untied.title")}</h2>
      <p class="muted">{t("person.untied.hint")}</p>
      {untied.acts.length > 0 && (
        <>
          <h3>{t("person.untied.acts")}</h3>
          <ol class="acts">
            {untied.acts.map((act) => (
              <ActItem key={act.id} act={act} report={report} showPeople={act.personIds.length > 0} />
            ))}
          </ol>
        </>
      )}
      {untied.injuries.length > 0 && (
        <>
          <h3>{t("person.untied.injuries", { n: fmtNumber(untied.injuries.length) })}</h3>
          <InjuryList injuries={untied.injuries} report={report} attachments={attachments} />
        </>
      )}
      {untied.medical.length > 0 && (
        <>
          <h3>{t("person.untied.medical")}</h3>
          {untied.medical.map((care) => (
            <MedicalItem key={care.id} care={care} />
          ))}
        </>
      )}
      {untied.complaints.length > 0 && (
        <>
          <h3>{t("person.untied.complaints")}</h3>
          <ol class="acts">
            {untied.complaints.map((complaint) => (
              <ComplaintItem key={complaint.id} complaint={complaint} report={report} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
