/**
 * The case view's "People" section: everyone named in the case's reports, those the reviewers
 * confirmed to be one person gathered in one row, and the proposals still to decide (Confirm / Not the
 * same). Nothing is merged without a reviewer: a proposal only says why two people may be one.
 */
import { Problem } from "../../components/Problem";
import { t } from "../../i18n";
import { proposeMatches } from "./matching";
import { gatherPeople, refKey, type CaseReport, type PersonRef } from "./peopleMap";
import { birthText, personName, reasonText, rolesText } from "./personText";
import { usePeopleMap } from "./usePeopleMap";

interface Props {
  caseId: string;
  /** The case's reports opened as v2, in the case's order. */
  reports: CaseReport[];
  /** "№ 2" of a report id. */
  reportLabel: (reportId: string) => string;
  onPerson: (ref: PersonRef) => void;
}

export function CasePeople({ caseId, reports, reportLabel, onPerson }: Props) {
  const { map, ready, problem, saving, decide } = usePeopleMap(caseId);
  const people = gatherPeople(reports, map);
  const proposals = ready ? proposeMatches(reports, map) : [];
  const nameOf = (ref: PersonRef): string => {
    const found = reports.find((r) => r.reportId === ref.reportId)?.report.people.find((p) => p.id === ref.personId);
    return found?.fullName ?? t("casePeople.noName");
  };

  return (
    <section data-testid="case-people" data-ready={ready ? "1" : "0"}>
      <h2>{t("casePeople.title")}</h2>
      <Problem error={problem} testid="people-problem" />
      {proposals.length > 0 && (
        <>
          <h3>{t("casePeople.proposals")}</h3>
          <p class="muted">{t("casePeople.proposalsHint")}</p>
          <ul class="people-proposals">
            {proposals.map((proposal) => {
              const [a, b] = proposal.pair;
              return (
                <li key={`${refKey(a)}|${refKey(b)}`} data-testid="people-proposal">
                  <strong>{nameOf(a)}</strong> ({reportLabel(a.reportId)}) {t("casePeople.and")}{" "}
                  <strong>{nameOf(b)}</strong> ({reportLabel(b.reportId)}):{" "}
                  <span data-testid="people-proposal-reason">{reasonText(proposal)}</span>{" "}
                  <button
                    type="button"
                    data-testid="people-confirm"
                    disabled={saving}
                    onClick={() => void decide(proposal.pair, "same")}
                  >
                    {t("casePeople.confirm")}
                  </button>{" "}
                  <button
                    type="button"
                    class="secondary"
                    data-testid="people-reject"
                    disabled={saving}
                    onClick={() => void decide(proposal.pair, "different")}
                  >
                    {t("casePeople.reject")}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {people.length === 0 ? (
        <p class="muted">{t("casePeople.none")}</p>
      ) : (
        <table class="plain">
          <thead>
            <tr>
              <th scope="col">{t("casePeople.name")}</th>
              <th scope="col">{t("casePeople.born")}</th>
              <th scope="col">{t("casePeople.inReports")}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => {
              const first = person.members[0]!;
              const ref = { reportId: first.reportId, personId: first.person.id };
              // A birth date given before a year reckoned from an age.
              const dated = [...person.members].sort(
                (a, b) => Number(!a.person.birthDate) - Number(!b.person.birthDate),
              );
              const births = [
                ...new Set(dated.map((m) => birthText(m.person, m.report)).filter((b): b is string => !!b)),
              ];
              return (
                <tr key={person.key} data-testid="case-person" data-reports={person.members.length}>
                  <td>
                    <button type="button" class="link" data-testid="case-person-open" onClick={() => onPerson(ref)}>
                      {personName(person)}
                    </button>
                  </td>
                  <td>{births.join(" / ") || "—"}</td>
                  <td>{person.members.map((m) => `${reportLabel(m.reportId)}: ${rolesText(m.person)}`).join("; ")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
