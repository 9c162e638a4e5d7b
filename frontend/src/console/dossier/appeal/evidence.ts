/**
 * A case's evidence as the appeal drafts read it: the reports' own model (v2: people, acts,
 * perpetrator groups, injuries, medical care, documents, voice), each fact tied to the people it was
 * done to and to the report (and follow-up answer) it comes from. A v1 report is read as its v2
 * upgrade. Nothing is inferred: an act the reporter tied to nobody stays tied to nobody.
 */
import type { Answer as FamilyAnswer } from "../../../shared/report/followups";
import type {
  Act,
  DocumentRef,
  Injury,
  MedicalCare,
  PerpetratorGroup,
  Person,
  ReportV2,
  VoiceRef,
} from "../../../shared/report/v2";
import { upgradeV1 } from "../../../shared/report/upgrade";
import type { CaseTranscript, DossierInput, FromReport } from "../dossier";

/** One report of the case as the drafts use it. */
export interface EvidenceReport extends FromReport {
  report: ReportV2;
  receivedAt: string;
  /** SHA-256 of the report's age file, as the phone's receipt names it. */
  sha256: string;
  /** Names were taken out (UN draft without consent to give them to the Government). */
  namesWithheld: boolean;
}

/** A person of a report: a victim, a relative harmed, or someone an act names. */
export interface EvidencePerson extends FromReport {
  /** The person's number within the report (1, 2...), as the phone lists people. */
  number: number;
  person: Person;
  nameWithheld: boolean;
}

export interface EvidenceAct extends FromReport {
  act: Act;
  persons: EvidencePerson[];
  perpetrators: PerpetratorGroup[];
}

export interface EvidenceInjury extends FromReport {
  /** Numbered through the whole case (1, 2...), as in the dossier's injury table. */
  number: number;
  injury: Injury;
  person: EvidencePerson | null;
}

/** A follow-up answer from the family, with the question it answers (when it names one). */
export interface EvidenceAnswer extends FromReport {
  question: { text: string; askedAt: string } | null;
  answer: FamilyAnswer;
  /** When the server received the answer. */
  receivedAt: string;
}

export interface CaseEvidence {
  reports: EvidenceReport[];
  /** Everyone a report names as victim or harmed relative, or that an act was done to. */
  people: EvidencePerson[];
  acts: EvidenceAct[];
  injuries: EvidenceInjury[];
  medical: (FromReport & { medical: MedicalCare; person: EvidencePerson | null })[];
  documents: (FromReport & { document: DocumentRef; answerId: string | null })[];
  voice: (FromReport & { voice: VoiceRef; answerId: string | null; transcripts: CaseTranscript[] })[];
  answers: EvidenceAnswer[];
}

export interface EvidenceInput {
  reports: readonly Omit<EvidenceReport, "namesWithheld">[] | readonly EvidenceReport[];
  answers: readonly EvidenceAnswer[];
  transcripts?: readonly CaseTranscript[];
}

const involved = (person: Person, acts: readonly Act[]): boolean =>
  person.roles.includes("victim") ||
  person.roles.includes("relative_harmed") ||
  acts.some((act) => act.personIds.includes(person.id));

/**
 * The latest transcript and the latest translation per language of a recording (notes are kept, never
 * edited: a corrected transcript is a newer note), oldest kind first.
 */
function transcriptsOf(all: readonly CaseTranscript[], item: FromReport & { voice: VoiceRef }): CaseTranscript[] {
  const latest = new Map<string, CaseTranscript>();
  for (const t of all) {
    if (t.reportId !== item.reportId || t.attachmentId.toLowerCase() !== item.voice.attachmentId.toLowerCase())
      continue;
    const key = `${t.kind}:${t.language}`;
    if ((latest.get(key)?.at ?? "") <= t.at) latest.set(key, t);
  }
  return [...latest.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.language.localeCompare(b.language));
}

/** The case's evidence, in the case's report order. */
export function caseEvidence(input: EvidenceInput): CaseEvidence {
  const reports: EvidenceReport[] = input.reports.map((r) => ({
    ...r,
    namesWithheld: "namesWithheld" in r ? r.namesWithheld : false,
  }));
  const people = reports.flatMap(({ report, reportId, reportNumber, namesWithheld }) =>
    report.people.flatMap((person, index) =>
      involved(person, report.acts)
        ? [{ reportId, reportNumber, number: index + 1, person, nameWithheld: namesWithheld }]
        : [],
    ),
  );
  const personOf = (reportId: string, id: string | null): EvidencePerson | null =>
    id === null ? null : (people.find((p) => p.reportId === reportId && p.person.id === id) ?? null);

  let injuryNumber = 0;
  return {
    reports,
    people,
    acts: reports.flatMap(({ report, reportId, reportNumber }) =>
      report.acts.map((act) => ({
        reportId,
        reportNumber,
        act,
        persons: act.personIds.flatMap((id) => personOf(reportId, id) ?? []),
        perpetrators: report.perpetrators.filter((group) => act.perpetratorIds.includes(group.id)),
      })),
    ),
    injuries: reports.flatMap(({ report, reportId, reportNumber }) =>
      report.injuries.map((injury) => ({
        reportId,
        reportNumber,
        number: ++injuryNumber,
        injury,
        person: personOf(reportId, injury.personId),
      })),
    ),
    medical: reports.flatMap(({ report, reportId, reportNumber }) =>
      report.medical.map((medical) => ({
        reportId,
        reportNumber,
        medical,
        person: personOf(reportId, medical.personId),
      })),
    ),
    documents: [
      ...reports.flatMap(({ report, reportId, reportNumber }) =>
        report.documents.map((document) => ({ reportId, reportNumber, document, answerId: null })),
      ),
      ...input.answers.flatMap(({ reportId, reportNumber, answer }) =>
        (answer.media?.documents ?? []).map((document) => ({
          reportId,
          reportNumber,
          document,
          answerId: answer.answerId,
        })),
      ),
    ],
    voice: [
      ...reports.flatMap(({ report, reportId, reportNumber }) =>
        report.voice.map((voice) => ({ reportId, reportNumber, voice, answerId: null })),
      ),
      ...input.answers.flatMap(({ reportId, reportNumber, answer }) =>
        (answer.media?.voice ?? []).map((voice) => ({ reportId, reportNumber, voice, answerId: answer.answerId })),
      ),
    ].map((item) => ({ ...item, transcripts: transcriptsOf(input.transcripts ?? [], item) })),
    answers: [...input.answers],
  };
}

/**
 * The evidence of a dossier's input: its opened reports in the case's order (numbers as the
 * dossier's), each in its own model (a v1 report upgraded), and the families' answers to them.
 */
export function evidenceOf(input: DossierInput): CaseEvidence {
  const byId = new Map(input.opened.map((source) => [source.meta.report_id, source]));
  const reports = input.reportIds.flatMap((id, index) => {
    const source = byId.get(id);
    if (!source) return [];
    return [
      {
        reportId: id,
        reportNumber: index + 1,
        report: source.full ?? upgradeV1(source.report),
        receivedAt: source.meta.received_at,
        sha256: source.meta.sha256,
        namesWithheld: source.namesWithheld === true,
      },
    ];
  });
  const numberOf = new Map(reports.map((r) => [r.reportId, r.reportNumber]));
  const answers = (input.answers ?? [])
    .flatMap((a) => (numberOf.has(a.reportId) ? [{ ...a, reportNumber: numberOf.get(a.reportId)! }] : []))
    .sort((a, b) => a.reportNumber - b.reportNumber || a.receivedAt.localeCompare(b.receivedAt));
  return caseEvidence({ reports, answers, transcripts: input.transcripts ?? [] });
}
