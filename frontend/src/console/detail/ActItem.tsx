/** One act: what, when, where, by whom, how the reporter knows it, its own facts and details. */
import { Facts, Words } from "../components/Facts";
import { t } from "../i18n";
import type { Act, ReportV2 } from "../../shared/report/v2";
import { actFacts } from "./actFacts";
import { placeShown, sourceShown, textShown, whenShown } from "./format";
import { groupsText, personName } from "./names";
import { fact } from "./Value";

const WHEN_LABEL: Record<Act["type"], string> = {
  detention: "person.detention.when",
  search: "person.search.when",
  interrogation: "person.interrogation.when",
  ill_treatment: "person.acts.when",
  harm_to_relative: "person.acts.when",
};

/** The act in full; `showPeople` names whom it was done to (several people, or not under a card). */
export function ActItem({ act, report, showPeople }: { act: Act; report: ReportV2; showPeople: boolean }) {
  const people = act.personIds.map((id) => personName(report, id)).join(", ");
  return (
    <li id={`act-${act.id}`} class="subcard act" data-testid="person-act" data-act-id={act.id} data-act-type={act.type}>
      <h4>{t(`person.acts.${act.type}`)}</h4>
      <Facts
        facts={[
          ...(showPeople ? [fact(t("person.acts.to"), textShown(people))] : []),
          fact(t(WHEN_LABEL[act.type]), whenShown(act.when)),
          fact(t("person.acts.where"), placeShown(act.where)),
          fact(t("person.acts.by"), textShown(groupsText(report, act.perpetratorIds))),
          fact(t("person.source.label"), sourceShown(act.source), "source-row"),
          ...actFacts(act),
        ]}
      />
      <Words text={act.details} />
    </li>
  );
}

// Scrolls without touching the address (the console reads its fragment at start: App.tsx).
const jump = (id: string) => (event: MouseEvent) => {
  event.preventDefault();
  document.getElementById(`act-${id}`)?.scrollIntoView({ block: "start" });
};

/** A short line for an act shown in full elsewhere: what, when, and under whom to find it. */
export function ActReference({ act, report }: { act: Act; report: ReportV2 }) {
  const first = act.personIds.find((id) => report.people.some((person) => person.id === id));
  return (
    <li data-testid="person-act-ref" data-act-id={act.id}>
      <a href={`#act-${act.id}`} onClick={jump(act.id)}>
        {t(`person.acts.${act.type}`)}
      </a>
      , {whenShown(act.when).text} — {t("person.card.alsoItem", { name: first ? personName(report, first) : "" })}
    </li>
  );
}
