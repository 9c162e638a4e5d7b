/**
 * One person of a report, as a lawyer reads them: who they are (name, birth date, the age it
 * implies at the time of the events, sex, ethnicity, relation, roles, custody, health), then what
 * was done to them in time order, their injuries, medical care and the complaints about them.
 */
import { Facts } from "../components/Facts";
import type { AttachmentMeta } from "../apiTypes";
import { fmtNumber, t } from "../i18n";
import type { ReportV2 } from "../../shared/report/v2";
import { ActItem, ActReference } from "./ActItem";
import type { AgeAt, PersonGroup } from "./byPerson";
import { ComplaintItem } from "./ComplaintItem";
import { choiceShown, textShown, type Shown } from "./format";
import { InjuryList } from "./InjuryList";
import { MedicalItem } from "./MedicalItem";
import { fact } from "./Value";

function ageShown(age: AgeAt): Shown {
  if (age.years === null) return textShown(null);
  const key = { birth_date: "ageFromBirth", birth_year: "ageFromBirthYear", given: "ageGiven" }[
    age.basis as "birth_date" | "birth_year" | "given"
  ];
  return { state: "given", text: t(`person.card.${key}`, { n: fmtNumber(age.years) }) };
}

function elderlyShown(age: AgeAt): Shown {
  if (age.basis === "said_elderly") return { state: "yes", text: t("person.card.elderlySaid") };
  if (age.elderly === null) return textShown(null);
  return { state: age.elderly ? "yes" : "no", text: t(age.elderly ? "person.answer.yes" : "person.answer.no") };
}

interface Props {
  group: PersonGroup;
  report: ReportV2;
  attachments: readonly AttachmentMeta[];
}

export function PersonCard({ group, report, attachments }: Props) {
  const { person, age } = group;
  const roles = person.roles.map((role) => t(`person.roles.${role}`)).join(", ");
  return (
    <section
      class="section person-card"
      data-testid="person-card"
      data-person-id={person.id}
      data-elderly={age.elderly === null ? undefined : age.elderly ? "1" : "0"}
    >
      <h2>
        {t("person.card.title", { n: fmtNumber(group.number) })}:{" "}
        {person.fullName ?? <span class="muted">{t("person.card.unnamed")}</span>}
        {group.isReporter && <span class="badge">{t("person.card.reporterBadge")}</span>}
      </h2>
      <Facts
        facts={[
          fact(t("person.card.fullName"), textShown(person.fullName)),
          fact(t("person.card.birthDate"), textShown(person.birthDate)),
          fact(t("person.card.age"), ageShown(age)),
          fact(t("person.card.elderly"), elderlyShown(age), age.elderly ? "concern-row" : undefined),
          fact(t("person.card.sex"), choiceShown(person.sex, "person.sexes")),
          fact(t("person.card.ethnicity"), textShown(person.ethnicity)),
          fact(t("person.card.relation"), textShown(person.relationToReporter)),
          fact(t("person.card.roles"), textShown(roles)),
          fact(
            t("person.card.custody"),
            choiceShown(person.custody, "person.custody"),
            person.custody === "detained" || person.custody === "whereabouts_unknown" ? "concern-row" : undefined,
          ),
          fact(t("person.card.whereabouts"), textShown(person.whereabouts)),
          fact(t("person.card.health"), textShown(person.health)),
        ]}
      />
      <h3>{t("person.card.acts")}</h3>
      {group.acts.length === 0 ? (
        <p class="muted">{t("person.card.noActs")}</p>
      ) : (
        <ol class="acts">
          {group.acts.map((act) => (
            <ActItem key={act.id} act={act} report={report} showPeople={act.personIds.length > 1} />
          ))}
        </ol>
      )}
      {group.alsoActs.length > 0 && (
        <>
          <h4>{t("person.card.also")}</h4>
          <ul>
            {group.alsoActs.map((act) => (
              <ActReference key={act.id} act={act} report={report} />
            ))}
          </ul>
        </>
      )}
      {group.injuries.length > 0 && (
        <>
          <h3>{t("person.card.injuries", { n: fmtNumber(group.injuries.length) })}</h3>
          <InjuryList injuries={group.injuries} report={report} attachments={attachments} />
        </>
      )}
      {group.medical.length > 0 && (
        <>
          <h3>{t("person.card.medical")}</h3>
          {group.medical.map((care) => (
            <MedicalItem key={care.id} care={care} />
          ))}
        </>
      )}
      {group.complaints.length + group.alsoComplaints.length > 0 && (
        <>
          <h3>{t("person.card.complaints")}</h3>
          <ol class="acts">
            {[...group.complaints, ...group.alsoComplaints].map((complaint) => (
              <ComplaintItem key={complaint.id} complaint={complaint} report={report} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
