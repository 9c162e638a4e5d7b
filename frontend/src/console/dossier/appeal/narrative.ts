/**
 * The facts of a case as the drafts tell them: one numbered paragraph per person (who they are,
 * then each act done to them in time order, their injuries and medical care, with the report it
 * comes from), the acts a reporter tied to nobody, and what the families added in answers to the
 * coalition's questions. Hashes and file details stay in the annex; the text names annex items.
 */
import type { Answer, Exam, MedicalCare } from "../../../shared/report/v2";
import type { CaseTranscript } from "../dossier";
import type { DocumentLanguage } from "../language";
import { actSentence } from "./acts";
import type { CaseEvidence, EvidenceAct, EvidenceInjury, EvidencePerson } from "./evidence";
import { agree, known, nameText, personName, upper, whenText, words } from "./say";

const samePerson = (a: EvidencePerson, b: EvidencePerson): boolean =>
  a.reportId === b.reportId && a.person.id === b.person.id;

const byTime = (a: EvidenceAct, b: EvidenceAct): number =>
  (a.act.when?.value ?? "\uffff").localeCompare(b.act.when?.value ?? "\uffff");

/** "Масанов Айдыр, 1986 г. р., мужчина, дунганин, брат заявителя; сейчас освобождён". */
export function personIntro(L: DocumentLanguage, p: EvidencePerson): string {
  const { person } = p;
  const age =
    person.birthDate !== null
      ? L.t("appeal.person.born", { date: person.birthDate })
      : person.age === "elderly"
        ? L.t("appeal.person.elderly")
        : person.age !== null
          ? L.t("appeal.person.age", { n: L.number(person.age) })
          : null;
  const custody = person.custody && person.custody !== "dont_know" ? agree(L, `custody.${person.custody}`, [p]) : null;
  return (
    known(
      [
        personName(L, p),
        age,
        person.sex === "male" || person.sex === "female" ? L.t(`appeal.person.sex.${person.sex}`) : null,
        person.ethnicity && (L.tag === "en" ? words(L, person.ethnicity) : person.ethnicity),
        person.relationToReporter && L.t("appeal.person.relation", { text: words(L, person.relationToReporter)! }),
        person.health && L.t("appeal.person.health", { text: words(L, person.health)! }),
        custody,
        person.whereabouts && L.t("appeal.person.whereabouts", { text: words(L, person.whereabouts)! }),
      ],
      ", ",
    ) ?? personName(L, p)
  );
}

/** "№ 1 — кровоподтёк, верхняя часть спины (сзади), 12 см, цвет «багровый»…; фотографий: 2 (приложение)". */
export function injuryLine(L: DocumentLanguage, item: EvidenceInjury): string {
  const { injury } = item;
  const happened = whenText(L, injury.happened);
  const seen = whenText(L, injury.firstSeen);
  const parts = known(
    [
      injury.type && L.t(`dossier.injuryTypes.${injury.type}`),
      `${L.t(`regions.${injury.region}`).toLocaleLowerCase()} (${L.t(`dossier.sides.${injury.side}`)})`,
      injury.sizeCm !== null && L.t("dossier.facts.size", { size: L.number(injury.sizeCm) }),
      injury.colour && L.t("appeal.injury.colour", { text: words(L, injury.colour)! }),
      injury.shape && L.t("appeal.injury.shape", { text: words(L, injury.shape)! }),
      happened && L.t("appeal.injury.happened", { when: happened }),
      seen && L.t("appeal.injury.firstSeen", { when: seen }),
      injury.observedBy && L.t("appeal.injury.observedBy", { text: words(L, injury.observedBy)! }),
      injury.photos.length > 0 && L.t("appeal.injury.photos", { n: L.number(injury.photos.length) }),
    ],
    ", ",
  );
  return `${L.t("dossier.facts.injuryN", { n: item.number })} — ${parts}`;
}

function examText(L: DocumentLanguage, kind: "forensic" | "psychological", exam: Exam): string | null {
  if (exam.status === null || exam.status === "dont_know") return null;
  const when = whenText(L, exam.when);
  return known(
    [
      L.t(`appeal.medical.${kind}.${exam.status}`),
      when && exam.status === "done" ? when : null,
      exam.result && L.t("appeal.medical.result", { text: words(L, exam.result)! }),
    ],
    " ",
  );
}

const yesSigns = (L: DocumentLanguage, key: string, signs: Record<string, Answer>): string[] =>
  Object.entries(signs).flatMap(([sign, answer]) => (answer === "yes" ? [L.t(`appeal.medical.${key}.${sign}`)] : []));

/** Medical care as sentences: "медицинская помощь не оказывалась; судебно-медицинская экспертиза не назначалась…". */
export function medicalText(L: DocumentLanguage, medical: MedicalCare): string | null {
  const examined = known(
    [
      words(L, medical.examinedWhere),
      whenText(L, medical.examinedWhen),
      medical.examinedBy && L.t("appeal.medical.examinedBy", { text: words(L, medical.examinedBy)! }),
    ],
    ", ",
  );
  const suffocation = yesSigns(L, "suffocation", { ...medical.suffocation });
  const psychological = yesSigns(L, "psychological", { ...medical.psychological });
  return known([
    medical.careReceived === "yes" &&
      (examined ? L.t("appeal.medical.careWhere", { where: examined }) : L.t("appeal.medical.care.yes")),
    medical.careReceived === "no" && L.t("appeal.medical.care.no"),
    medical.policePresent === "yes" && L.t("appeal.medical.policePresent"),
    medical.examinedOnAdmission === "no" && L.t("appeal.medical.notExaminedOnAdmission"),
    medical.beatingCertificate === "yes" && L.t("appeal.medical.certificate.yes"),
    medical.beatingCertificate === "no" && L.t("appeal.medical.certificate.no"),
    examText(L, "forensic", medical.forensicExam),
    examText(L, "psychological", medical.psychologicalExam),
    suffocation.length > 0 && L.t("appeal.medical.afterSuffocation", { signs: suffocation.join(", ") }),
    psychological.length > 0 && L.t("appeal.medical.afterEffects", { signs: psychological.join(", ") }),
    medical.symptoms && L.t("appeal.medical.symptoms", { text: words(L, medical.symptoms)! }),
  ]);
}

/** "(Сообщение № 1: родственник, получено 29 апреля 2020, 09:15 UTC.)" */
function sourceLine(L: DocumentLanguage, ev: CaseEvidence, reportId: string): string {
  const source = ev.reports.find((r) => r.reportId === reportId)!;
  const role = source.report.reporter.role;
  return L.t("appeal.sourceLine", {
    n: source.reportNumber,
    who: role ? L.t(`appeal.reporterRole.${role}`) : L.t("appeal.reporterRole.unknown"),
    received: L.instant(source.receivedAt) ?? "",
  });
}

/** The lines under a person (or a report): each act, then the injuries, then the medical care. */
function factLines(
  L: DocumentLanguage,
  acts: readonly EvidenceAct[],
  injuries: readonly EvidenceInjury[],
  medical: readonly { medical: MedicalCare }[],
): string[] {
  const injuryLines = injuries.map((i, k) => `  ${injuryLine(L, i)}${k === injuries.length - 1 ? "." : ";"}`);
  return [
    ...acts.map((a) => `– ${actSentence(L, a)}`),
    ...(injuries.length > 0 ? [[L.t("appeal.injuries"), ...injuryLines].join("\n")] : []),
    ...medical.flatMap((m) => {
      const text = medicalText(L, m.medical);
      return text ? [`– ${upper(text)}.`] : [];
    }),
  ];
}

/** A person's numbered paragraph: who they are, what was done to them, and the report it comes from. */
function personParagraph(L: DocumentLanguage, ev: CaseEvidence, p: EvidencePerson, n: number, brief: boolean): string {
  const acts = ev.acts.filter((a) => a.persons.some((q) => samePerson(q, p))).sort(byTime);
  const injuries = ev.injuries.filter((i) => i.person !== null && samePerson(i.person, p));
  const medical = ev.medical.filter((m) => m.person !== null && samePerson(m.person, p));
  return [
    `${n}. ${brief ? personName(L, p) : personIntro(L, p)}.`,
    ...factLines(L, acts, injuries, medical),
    sourceLine(L, ev, p.reportId),
  ].join("\n");
}

/** What a report says without naming whom: acts tied to nobody, injuries and care of nobody named. */
function unattributed(L: DocumentLanguage, ev: CaseEvidence): string[] {
  return ev.reports.flatMap(({ reportId, reportNumber }) => {
    const acts = ev.acts.filter((a) => a.reportId === reportId && a.persons.length === 0).sort(byTime);
    const injuries = ev.injuries.filter((i) => i.reportId === reportId && i.person === null);
    const medical = ev.medical.filter((m) => m.reportId === reportId && m.person === null);
    if (acts.length + injuries.length + medical.length === 0) return [];
    return [[L.t("appeal.unattributed", { n: reportNumber }), ...factLines(L, acts, injuries, medical)].join("\n")];
  });
}

/** The people who were harmed, in case order. */
export const harmedPeople = (ev: CaseEvidence): EvidencePerson[] =>
  ev.people.filter(
    (p) =>
      p.person.roles.includes("victim") ||
      p.person.roles.includes("relative_harmed") ||
      ev.acts.some((a) => a.persons.some((q) => samePerson(q, p))),
  );

/**
 * The facts, person by person, then what no one was named for; `brief` names each person without
 * repeating who they are (the UN draft says it under its own heading).
 */
export function factsByPerson(L: DocumentLanguage, ev: CaseEvidence, brief = false): string[] {
  return [...harmedPeople(ev).map((p, index) => personParagraph(L, ev, p, index + 1, brief)), ...unattributed(L, ev)];
}

/** Complaints the reports say were made, and their answers. */
export function complaintsSection(L: DocumentLanguage, ev: CaseEvidence): string[] {
  return ev.reports.flatMap(({ report, reportNumber }) =>
    report.complaints.map((c) => {
      const text = known(
        [
          whenText(L, c.when),
          c.to && L.t("appeal.complaint.to", { to: words(L, c.to)! }),
          c.answered === "no" && L.t("appeal.complaint.noAnswer"),
          c.answer && L.t("appeal.complaint.answer", { text: words(L, c.answer)! }),
        ],
        ", ",
      );
      return `– ${upper(text ?? L.t("appeal.complaint.made"))} (${L.t("appeal.reportN", { n: reportNumber })}).`;
    }),
  );
}

/** Headings numbered in order, skipping the sections that have nothing to say. */
export function numbered(sections: readonly (readonly [string, readonly string[]])[], roman: boolean): string[] {
  const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
  let n = 0;
  return sections.flatMap(([heading, lines]) => {
    if (lines.length === 0) return [];
    n += 1;
    return [[`${roman ? ROMAN[n - 1] : n}. ${heading}`, ...lines].join("\n")];
  });
}

/** The families' answers: "29 апреля 2020: на вопрос Коалиции «…» семья ответила: «…» (к сообщению № 1)". */
export function answersSection(L: DocumentLanguage, ev: CaseEvidence): string[] {
  return ev.answers.map(({ question, answer, receivedAt, reportNumber }) => {
    const media = answer.media ?? { photos: [], voice: [], documents: [] };
    const attached = known(
      [
        media.photos.length > 0 && L.t("appeal.answer.photos", { n: L.number(media.photos.length) }),
        media.voice.length > 0 && L.t("appeal.answer.voice", { n: L.number(media.voice.length) }),
        media.documents.length > 0 && L.t("appeal.answer.documents", { n: L.number(media.documents.length) }),
      ],
      ", ",
    );
    return `– ${L.t(question ? "appeal.answer.toQuestion" : "appeal.answer.unmatched", {
      when: L.instant(receivedAt) ?? "",
      question: question ? words(L, question.text)! : "",
      answer: words(L, answer.text) ?? L.t("appeal.answer.empty"),
      n: reportNumber,
    })}${attached ? ` ${L.t("appeal.answer.attached", { what: attached })}` : ""}`;
  });
}

/**
 * The texts of a recording a draft quotes: in English the English translation when there is one
 * (else the transcript, transliterated); in Russian the transcript and any Russian translation.
 */
export function transcriptsFor(L: DocumentLanguage, all: readonly CaseTranscript[]): CaseTranscript[] {
  const transcripts = all.filter((t) => t.kind === "transcript");
  const translation = all.find((t) => t.kind === "translation" && t.language.toLowerCase().startsWith(L.tag));
  if (L.tag === "en") return translation ? [translation] : transcripts;
  return translation ? [...transcripts, translation] : transcripts;
}

/** The papers and recordings the families sent, as the text names them (details in the annex). */
export function materialsSection(L: DocumentLanguage, ev: CaseEvidence): string[] {
  const documents = ev.documents.map(({ document, reportNumber, answerId }) => {
    const what = document.type ? L.t(`appeal.documentType.${document.type}`) : L.t("appeal.documentType.other");
    const extent = known(
      [document.pages.length > 0 && L.t("appeal.pages", { n: L.number(document.pages.length) }), document.pdf && "PDF"],
      ", ",
    );
    return `– ${known([what, words(L, document.caption), extent], ", ")} (${L.t(answerId ? "appeal.fromAnswer" : "appeal.fromReport", { n: reportNumber })})`;
  });
  const voice = ev.voice.map(({ voice, reportNumber, answerId, transcripts }) => {
    const from = L.t(answerId ? "appeal.fromAnswer" : "appeal.fromReport", { n: reportNumber });
    const minutes = L.number(Math.max(1, Math.round(voice.durationMs / 60_000)));
    const texts = transcriptsFor(L, transcripts).map((t) =>
      L.t(`appeal.transcript.${t.kind}`, { language: t.language, text: words(L, t.text)! }),
    );
    return [`– ${L.t("appeal.voice", { minutes })} (${from})`, ...texts.map((text) => `  ${text}`)].join("\n");
  });
  return [...documents, ...voice];
}

/** Names for a list ("Масанов Айдыр и Масанова Айша"), transliterated in English. */
export const namesOf = (L: DocumentLanguage, people: readonly EvidencePerson[]): string[] =>
  people.map((p) => personName(L, p));

export { nameText };
