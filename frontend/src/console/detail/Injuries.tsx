/** Injuries (Istanbul Protocol): on the body diagram, then one record each with its photos. */
import { Facts } from "../components/Facts";
import { fmtNumber, fmtWhen, t } from "../i18n";
import type { AttachmentMeta } from "../apiTypes";
import type { Report } from "../../shared/report/model";
import { BodyMarks } from "./BodyMarks";
import { Photos } from "./Photo";

export function Injuries({ report, attachments }: { report: Report; attachments: readonly AttachmentMeta[] }) {
  if (report.injuries.length === 0) return null;
  const numbered = report.injuries.map((injury, index) => ({ injury, number: index + 1 }));
  const victim = (id: string | null): string | null => {
    if (id === null) return null;
    const index = report.victims.findIndex((v) => v.id === id);
    return index < 0 ? null : (report.victims[index]?.name ?? t("victims.person", { n: index + 1 }));
  };
  return (
    <section class="section">
      <h2>{t("report.injuries", { n: fmtNumber(report.injuries.length) })}</h2>
      <div class="bodies">
        <BodyMarks side="front" markers={numbered.filter(({ injury }) => injury.side === "front")} />
        <BodyMarks side="back" markers={numbered.filter(({ injury }) => injury.side === "back")} />
      </div>
      <ol class="injury-list">
        {numbered.map(({ injury, number }) => (
          <li key={injury.id} class="subcard" data-testid="injury-item" data-injury-id={injury.id}>
            <h3>
              {number}. {t(`regions.${injury.region}`)} ({t(`injuries.${injury.side}`)})
            </h3>
            <Facts
              facts={[
                [t("injuries.whose"), victim(injury.victimId)],
                [t("injuries.type"), injury.type && t(`injuryTypes.${injury.type}`)],
                [t("injuries.size"), injury.sizeCm === null ? null : fmtNumber(injury.sizeCm)],
                [t("injuries.shape"), injury.shape],
                [t("injuries.colour"), injury.colour],
                [t("injuries.happened"), injury.happened ? fmtWhen(injury.happened) : null],
                [t("injuries.firstSeen"), injury.firstSeen ? fmtWhen(injury.firstSeen) : null],
                [t("injuries.observedBy"), injury.observedBy],
              ]}
            />
            {injury.photos.length > 0 && <Photos photos={injury.photos} attachments={attachments} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
