/**
 * Everything a decrypted report holds, read as v2 and organised by person (issue 17): the summary and
 * the consent warnings, the safeguards answered "no", one card per person with what was done to them,
 * what is tied to nobody, then the perpetrator groups, complaints, other photos, the reporter's own
 * words, the reporter and consent. A v1 report arrives here upgraded (shared/report/upgrade.ts).
 */
import { Words } from "../components/Facts";
import type { AttachmentMeta } from "../apiTypes";
import { t } from "../i18n";
import { Documents } from "../media/Documents";
import type { ReportV2 } from "../../shared/report/v2";
import { Additions } from "./Additions";
import { addsToOf } from "./additions";
import { groupByPerson } from "./byPerson";
import { ComplaintsOverview } from "./ComplaintsOverview";
import { ConsentedPhotos } from "./InjuryList";
import { PersonCard } from "./PersonCard";
import { Perpetrators } from "./Perpetrators";
import { ReporterAndConsent } from "./ReporterAndConsent";
import { Summary } from "./Summary";
import { Untied } from "./Untied";
import { ViolationSummary } from "./Violations";
import { VoiceRecordings } from "../media/VoiceRecordings";

interface Props {
  report: ReportV2;
  attachments: readonly AttachmentMeta[];
  /** Ids of the decrypted reports that add details to this one. */
  additions: readonly string[];
  onOpenReport: (reportId: string) => void;
}

export function ReportBody({ report, attachments, additions, onOpenReport }: Props) {
  const { people, untied } = groupByPerson(report);
  return (
    <>
      <Additions addsTo={addsToOf(report)} additions={additions} onOpenReport={onOpenReport} />
      <Summary report={report} />
      <ViolationSummary report={report} />
      {people.map((group) => (
        <PersonCard key={group.person.id} group={group} report={report} attachments={attachments} />
      ))}
      <Untied untied={untied} report={report} attachments={attachments} />
      <Perpetrators report={report} />
      <ComplaintsOverview report={report} />
      <Documents report={report} attachments={attachments} />
      {report.otherPhotos.length > 0 && (
        <section class="section">
          <h2>{t("person.otherPhotos")}</h2>
          <ConsentedPhotos photos={report.otherPhotos} report={report} attachments={attachments} />
        </section>
      )}
      <VoiceRecordings report={report} attachments={attachments} />
      <section class="section">
        <h2>{t("person.account")}</h2>
        {report.account ? <Words text={report.account} /> : <p class="muted">{t("person.answer.unanswered")}</p>}
      </section>
      <ReporterAndConsent report={report} />
    </>
  );
}
