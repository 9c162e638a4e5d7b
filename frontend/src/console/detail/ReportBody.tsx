/** Everything a decrypted report holds, section by section, in the order a reviewer checks it. */
import type { AttachmentMeta } from "../apiTypes";
import type { Report } from "../../shared/report/model";
import { Injuries } from "./Injuries";
import { People } from "./People";
import { Photos } from "./Photo";
import { Relatives, Medical, ReporterAndConsent } from "./Aftermath";
import { Safeguards } from "./Safeguards";
import { Summary } from "./Summary";
import { t } from "../i18n";

export function ReportBody({ report, attachments }: { report: Report; attachments: readonly AttachmentMeta[] }) {
  return (
    <>
      <Summary report={report} />
      <People report={report} />
      <Safeguards report={report} />
      <Injuries report={report} attachments={attachments} />
      <Medical report={report} />
      <Relatives report={report} />
      {report.otherPhotos.length > 0 && (
        <section class="section">
          <h2>{t("report.otherPhotos")}</h2>
          <Photos photos={report.otherPhotos} attachments={attachments} />
        </section>
      )}
      <ReporterAndConsent report={report} />
    </>
  );
}
