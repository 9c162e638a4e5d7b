/**
 * Injuries (Istanbul Protocol) of one person, or of nobody: on the body diagram, then one record each
 * with its source and photos. Numbers are the injury's place in the whole report, the same on the
 * diagram and in the list. Without the reporter's consent to use photos, that is said beside them.
 */
import { Facts } from "../components/Facts";
import type { AttachmentMeta } from "../apiTypes";
import { fmtNumber, t } from "../i18n";
import type { Injury, ReportV2 } from "../../shared/report/v2";
import { BodyMarks } from "./BodyMarks";
import { sourceShown, textShown, whenShown } from "./format";
import { Photos } from "./Photo";
import { fact } from "./Value";

interface Props {
  injuries: readonly Injury[];
  report: ReportV2;
  attachments: readonly AttachmentMeta[];
}

/** The photos of an injury or of the report, with the missing consent said beside them. */
export function ConsentedPhotos({
  photos,
  report,
  attachments,
}: {
  photos: Injury["photos"];
  report: ReportV2;
  attachments: readonly AttachmentMeta[];
}) {
  if (photos.length === 0) return null;
  return (
    <>
      {!report.consent.photograph && (
        <p class="violations" data-testid="photos-no-consent">
          {t("person.consent.photosWarning")}
        </p>
      )}
      <Photos photos={photos} attachments={attachments} device={report.device ?? null} />
    </>
  );
}

export function InjuryList({ injuries, report, attachments }: Props) {
  if (injuries.length === 0) return null;
  const numbered = injuries.map((injury) => ({
    // The drawing reads v1's shape; only the place on the body and the id matter to it.
    injury: { ...injury, victimId: injury.personId },
    number: report.injuries.indexOf(injury) + 1,
  }));
  const actName = (id: string | null): string | null => {
    const act = id === null ? undefined : report.acts.find((a) => a.id === id);
    return act ? t(`person.acts.${act.type}`) : id;
  };
  return (
    <>
      <div class="bodies">
        <BodyMarks side="front" markers={numbered.filter(({ injury }) => injury.side === "front")} />
        <BodyMarks side="back" markers={numbered.filter(({ injury }) => injury.side === "back")} />
      </div>
      <ol class="injury-list">
        {numbered.map(({ injury, number }) => (
          <li key={injury.id} class="subcard" data-testid="injury-item" data-injury-id={injury.id}>
            <h4>
              {number}. {t(`regions.${injury.region}`)} ({t(`injuries.${injury.side}`)})
            </h4>
            <Facts
              facts={[
                fact(t("injuries.type"), textShown(injury.type && t(`injuryTypes.${injury.type}`))),
                fact(t("injuries.size"), textShown(injury.sizeCm === null ? null : fmtNumber(injury.sizeCm))),
                fact(t("injuries.shape"), textShown(injury.shape)),
                fact(t("injuries.colour"), textShown(injury.colour)),
                fact(t("injuries.happened"), whenShown(injury.happened)),
                fact(t("injuries.firstSeen"), whenShown(injury.firstSeen)),
                fact(t("injuries.observedBy"), textShown(injury.observedBy)),
                fact(t("person.injury.act"), textShown(actName(injury.actId))),
                fact(t("person.injury.source"), sourceShown(injury.source), "source-row"),
              ]}
            />
            <ConsentedPhotos photos={injury.photos} report={report} attachments={attachments} />
          </li>
        ))}
      </ol>
    </>
  );
}
