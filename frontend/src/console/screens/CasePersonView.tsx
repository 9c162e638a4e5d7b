/**
 * One person of a case, gathered across its reports by the reviewers' decisions: every fact each report
 * gives about them (who they are, the acts done to them with when, where and how the reporter knows,
 * injuries, medical care, complaints). The base of a per-victim dossier.
 */
import type { ComponentChildren } from "preact";

import { useCaseReports } from "../cases/useCaseReports";
import {
  actLines,
  actPlace,
  complaintLines,
  factsOf,
  identityLines,
  injuryLines,
  medicalLines,
  perpetratorsText,
  sourceText,
  type FactLine,
} from "../cases/people/facts";
import { gatherPeople, personOf, type CaseReport, type PersonRef } from "../cases/people/peopleMap";
import { personName } from "../cases/people/personText";
import { usePeopleMap } from "../cases/people/usePeopleMap";
import { Facts } from "../components/Facts";
import { Problem } from "../components/Problem";
import { fmtWhen, t } from "../i18n";

interface Props {
  caseId: string;
  person: PersonRef;
  onReport: (reportId: string) => void;
  onBack: () => void;
}

const asFacts = (lines: FactLine[]): [string, string][] => lines.map(([label, value]) => [label, value]);

function Part({ title, testid, children }: { title: string; testid: string; children: ComponentChildren }) {
  return (
    <div data-testid={testid}>
      <h3>{title}</h3>
      {children}
    </div>
  );
}

export function CasePersonView({ caseId, person: ref, onReport, onBack }: Props) {
  const { item, entries, problem } = useCaseReports(caseId);
  const { map, ready, problem: mapProblem } = usePeopleMap(caseId);
  const reportIds = item?.case.report_ids ?? [];
  const reports: CaseReport[] = reportIds.flatMap((id) => {
    const full = entries.find((e) => e.meta.report_id === id)?.full;
    return full ? [{ reportId: id, report: full }] : [];
  });
  const person = ready ? personOf(gatherPeople(reports, map), ref) : undefined;
  const number = (reportId: string): string => t("cases.reportN", { n: reportIds.indexOf(reportId) + 1 });

  return (
    <section data-testid="case-person-view" data-ready={person ? "1" : "0"}>
      <button type="button" class="link" data-testid="case-person-back" onClick={onBack}>
        ← {item?.title ?? t("casePeople.backToCase")}
      </button>
      <h1>{person ? personName(person) : t("casePeople.title")}</h1>
      <Problem error={problem ?? mapProblem} />
      {person && <p class="muted">{t("casePeople.gatheredFrom", { n: person.members.length })}</p>}
      {person &&
        factsOf(person).map((facts) => (
          <article key={facts.reportId} class="section" data-testid="person-report" data-report-id={facts.reportId}>
            <h2>
              <button type="button" class="link" onClick={() => onReport(facts.reportId)}>
                {t("casePeople.fromReport", { n: number(facts.reportId) })}
              </button>
            </h2>
            <Facts facts={asFacts(identityLines(facts.person, facts.report))} testid="person-identity" />
            <Part title={t("casePeople.acts")} testid="person-acts">
              {facts.acts.length === 0 && <p class="muted">{t("casePeople.noneGiven")}</p>}
              {facts.acts.map((act) => (
                <div key={act.id} data-testid="person-act" data-act-type={act.type}>
                  <h4>{t(`casePeople.actTypes.${act.type}`)}</h4>
                  <Facts
                    facts={[
                      [t("casePeople.when"), act.when ? fmtWhen(act.when) : null],
                      [t("casePeople.where"), actPlace(act)],
                      [t("casePeople.by"), perpetratorsText(act, facts.report)],
                      [t("casePeople.source"), sourceText(act.source)],
                      ...asFacts(actLines(act)),
                      [t("casePeople.details"), act.details],
                    ]}
                  />
                </div>
              ))}
            </Part>
            <Part title={t("casePeople.injuries")} testid="person-injuries">
              {facts.injuries.length === 0 && <p class="muted">{t("casePeople.noneGiven")}</p>}
              {facts.injuries.map((injury) => (
                <div key={injury.id} data-testid="person-injury">
                  <h4>
                    {t(`regions.${injury.region}`)} ({t(`injuries.${injury.side}`)})
                  </h4>
                  <Facts
                    facts={[...asFacts(injuryLines(injury)), [t("casePeople.source"), sourceText(injury.source)]]}
                  />
                </div>
              ))}
            </Part>
            <Part title={t("casePeople.medical")} testid="person-medical">
              {facts.medical.length === 0 && <p class="muted">{t("casePeople.noneGiven")}</p>}
              {facts.medical.map((care) => (
                <div key={care.id} data-testid="person-care">
                  <Facts facts={[...asFacts(medicalLines(care)), [t("casePeople.source"), sourceText(care.source)]]} />
                </div>
              ))}
            </Part>
            <Part title={t("casePeople.complaints")} testid="person-complaints">
              {facts.complaints.length === 0 && <p class="muted">{t("casePeople.noneGiven")}</p>}
              {facts.complaints.map((complaint) => (
                <div key={complaint.id} data-testid="person-complaint">
                  <Facts
                    facts={[
                      ...asFacts(complaintLines(complaint)),
                      [t("casePeople.source"), sourceText(complaint.source)],
                    ]}
                  />
                </div>
              ))}
            </Part>
          </article>
        ))}
    </section>
  );
}
