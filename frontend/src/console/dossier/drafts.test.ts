/**
 * The appeal drafts say what the case's reports say, person by person, in the dossier's language;
 * cite the law from norms.json; ask what a lawyer asks under the 2014 Code; never fill in what a report
 * leaves unknown. Each test here names an error a lawyer found in the drafts of before (issue 19).
 */
import { describe, expect, it } from "vitest";

import reporterRu from "../../shared/i18n/locales/ru.json";
import type { IncidentKind, InjuryType } from "../../shared/report/model";
import type { ReportV2 } from "../../shared/report/v2";
import { SAFEGUARD_FIELDS } from "../detail/safeguards";
import { appealDraft } from "./appeal/drafts";
import { buildDossier, type Addressee, type DossierInput } from "./dossier";
import { documentLanguage, DOSSIER_LANGUAGES, dossierTag, type DocumentLanguage } from "./language";
import { cite } from "./law/cite";
import { ANSWERS, GOLDEN_CASES, womanDetained } from "./testing/goldenCases";
import { MOTHER_ID, seedCase } from "./testing/seedCase";
import type { UnProcedure } from "./un";

const ru = documentLanguage("ru");
const en = documentLanguage("en");

const draft = (L: DocumentLanguage, input: DossierInput, to: Addressee, procedure: UnProcedure | null = null) =>
  appealDraft(L, input, buildDossier(input), to, procedure);
const text = (L: DocumentLanguage, input: DossierInput, to: Addressee, procedure: UnProcedure | null = null): string =>
  draft(L, input, to, procedure).text;

/** A case of one report, as the golden cases make it. */
function one(report: ReportV2): DossierInput {
  const input = GOLDEN_CASES["woman-detained"]!();
  const source = input.opened[0]!;
  return {
    ...input,
    reportIds: [report.reportId],
    opened: [{ ...source, full: report, meta: { ...source.meta, report_id: report.reportId } }],
  };
}

/** Nothing left of the machinery: no catalog key, placeholder, null or undefined in the text. */
function expectClean(draftText: string): void {
  expect(draftText).not.toMatch(/appeal\.|dossier\.|regions\.|villages\.|\{\{|undefined|null|NaN|\[object/);
}

describe("every golden draft", () => {
  it("is clean, and carries no 64-character hash inline (hashes are in the annex)", () => {
    for (const make of Object.values(GOLDEN_CASES)) {
      for (const L of [ru, en]) {
        for (const to of ["prosecutor", "un"] as const) {
          const t = text(L, make(), to);
          expectClean(t);
          expect(t).not.toMatch(/[0-9a-f]{64}/);
        }
      }
    }
  });

  it("in English holds no Cyrillic letter: names and reporters' words are transliterated", () => {
    for (const make of Object.values(GOLDEN_CASES)) {
      for (const to of ["prosecutor", "un"] as const) {
        expect(text(en, make(), to)).not.toMatch(/[\u0400-\u04FF]/);
      }
    }
  });
});

describe("the facts, person by person", () => {
  it("says which person was detained, questioned and beaten, with the verbs agreeing with her sex", () => {
    const t = text(ru, GOLDEN_CASES["woman-detained"]!(), "prosecutor");
    const paragraph = t.slice(t.indexOf("1. Ли Гульнара"));
    expect(paragraph).toContain("была задержана, якобы «на беседу», без какого-либо процессуального статуса");
    expect(paragraph).toContain("доставлена в «Кордайский РОВД»");
    expect(paragraph).toContain("освобождена 2 мая 2020, 02:00");
    expect(paragraph).toContain("допрашивалась в течение 4 ч. в ночное время");
    expect(paragraph).toContain("к ней применялось: избиение руками и ногами");
    expect(t).not.toMatch(/был задержан|доставлен в|освобождён|к нему/);
  });

  it("uses the plural for several people and a marked form when the sex is not known", () => {
    const report = womanDetained();
    const second = { ...report.people[0]!, id: "son", fullName: "Ли Марат", sex: "male" as const, birthDate: null };
    const unknown = { ...report.people[0]!, id: "x", fullName: "Ли Ая", sex: null, birthDate: null };
    const both: ReportV2 = {
      ...report,
      people: [...report.people, second, unknown],
      acts: [
        { ...report.acts[0]!, personIds: ["gulnara", "son"] },
        { ...report.acts[1]!, personIds: ["x"] },
      ],
    };
    const t = text(ru, one(both), "prosecutor");
    expect(t).toContain("были задержаны");
    expect(t).toContain("доставлены в «Кордайский РОВД»");
    expect(t).toContain("допрашивался(лась)");
  });

  it("writes medical care and perpetrators as sentences, not as a table's cells", () => {
    const t = text(ru, GOLDEN_CASES["answered-two-questions"]!(), "prosecutor");
    expect(t).toContain("Медицинская помощь не оказывалась");
    expect(t).toContain(
      "лица, которых заявитель описывает так: «Полиция», «Кордайский РОВД», 5 чел., в форме и в штатском",
    );
    expect(t).not.toMatch(/оказана: Нет|ведомство: «|подразделение: «|: Нет\b|: Да\b/);
  });

  it("gives an elderly relative's age and harm, and says nothing the report leaves unknown", () => {
    const t = text(ru, GOLDEN_CASES["answered-two-questions"]!(), "prosecutor");
    expect(t).toContain("2. Масанов Хусей, возраст: 78, мужчина");
    expect(t).not.toMatch(/не известно|неизвестно: не|окончен|изъято/);
  });

  it("mentions photographs only when there are some", () => {
    const t = text(ru, GOLDEN_CASES["woman-detained"]!(), "prosecutor");
    expect(t).not.toMatch(/фотограф|сфотографированы/);
    const withPhoto = text(ru, seedCase(), "prosecutor");
    expect(withPhoto).toContain("фотографий: 1 (в приложении)");
  });
});

describe("the families' answers", () => {
  it("reach both drafts with their date, the question and the report they add to", () => {
    for (const to of ["prosecutor", "un"] as const) {
      const t = text(ru, GOLDEN_CASES["answered-two-questions"]!(), to);
      expect(t).toContain(
        "12 мая 2020, 04:30 UTC: на вопрос Коалиции «Осматривал ли Айдыра врач после освобождения?» семья ответила: «Да, 29 апреля его осмотрел фельдшер в Сортобе, записал синяки на спине» (дополнение к сообщению № 1)",
      );
      expect(t).toContain("«Капитан Ахметов, так к нему обращались другие»");
    }
  });

  it("stay out of a draft whose addressee the report may not go to", () => {
    const input = GOLDEN_CASES["answered-two-questions"]!();
    const opened = input.opened.map((s) => ({
      ...s,
      report: { ...s.report, consent: { ...s.report.consent, shareWithUn: false } },
    }));
    expect(ANSWERS.length).toBe(2);
    expect(text(ru, { ...input, opened }, "un")).not.toContain("Капитан Ахметов");
  });
});

describe("the recordings", () => {
  it("are quoted from the reviewer's transcript, in English from the English translation", () => {
    const input = GOLDEN_CASES["answered-two-questions"]!();
    expect(text(ru, input, "prosecutor")).toContain(
      "аудиозапись рассказа, около 2 мин. (сообщение № 1)\n  расшифровка (ru): «Его забрали в шесть утра, в РОВД надели пакет на голову»",
    );
    const english = text(en, input, "un");
    expect(english).toContain("translation (en): “They took him at six in the morning");
    expect(english).not.toContain("transcript (ru)");
    // Without a translation, the transcript is given, transliterated.
    const untranslated = { ...input, transcripts: input.transcripts!.filter((t) => t.kind === "transcript") };
    expect(text(en, untranslated, "un")).toContain("transcript (ru): “Ego zabrali v shest utra");
  });

  it("keep the newest transcript when a reviewer corrected it", () => {
    const input = GOLDEN_CASES["answered-two-questions"]!();
    const newer = { ...input.transcripts![0]!, text: "Исправленная расшифровка.", at: "2020-05-03T00:00:00Z" };
    const t = text(ru, { ...input, transcripts: [...input.transcripts!, newer] }, "prosecutor");
    expect(t).toContain("«Исправленная расшифровка»");
    expect(t).not.toContain("Его забрали в шесть утра");
  });
});

describe("the law", () => {
  it("cites the procedural norms engaged, from norms.json, placeholders included", () => {
    const t = text(ru, GOLDEN_CASES["woman-detained"]!(), "prosecutor");
    expect(t).toContain(
      `протокол задержания не составлялся (Ли Гульнара — сообщение № 1): ${cite("ru", "upk.detention.protocol")}`,
    );
    expect(t).toContain(cite("ru", "upk.defender.from_detention"));
    expect(t).toContain(cite("ru", "upk.detention.announce_rights"));
    expect(t).toContain("лицо удерживалось «на беседу» без процессуального статуса");
    expect(t).toContain(cite("ru", "uk.146.2"));
    expect(t).not.toMatch(/статьями 24 и 109|как указано выше/);
  });

  it("does not call a detention without a warrant a violation", () => {
    const report = womanDetained();
    const act = {
      ...report.acts[0]!,
      capacity: "suspect",
      detentionRecord: "yes",
      lawyerAllowed: "yes",
      familyNotified: "yes",
      chargesTold: "yes",
      warrant: "no",
    } as ReportV2["acts"][number];
    const t = text(ru, one({ ...report, acts: [act] }), "prosecutor");
    expect(t).not.toContain("нарушены следующие процессуальные гарантии");
    expect(t).not.toMatch(/без санкции|санкция|ордер/);
  });

  it("asks for registration in the ЕРДР and an investigation, independent of the police, with the evidence secured", () => {
    const t = text(ru, GOLDEN_CASES["woman-detained"]!(), "prosecutor");
    expect(t).toContain(
      "зарегистрировать настоящее заявление в Едином реестре досудебных расследований и начать досудебное расследование",
    );
    expect(t).not.toMatch(/в случае выявления нарушений|провести .{0,40}проверку/);
    expect(t).toContain("органу, не входящему в систему органов внутренних дел");
    expect(t).toContain("записи камер видеонаблюдения и журналы учёта доставленных и посетителей («Кордайский РОВД»)");
    expect(t).toContain("независимыми экспертами без присутствия сотрудников полиции");
    expect(t).toContain(`признать потерпевшими: Ли Гульнара (${cite("ru", "upk.victim")})`);
  });

  it("names a group of officers as aggravating, and a minor", () => {
    expect(text(ru, GOLDEN_CASES["woman-detained"]!(), "prosecutor")).toContain("совершённого группой лиц");
    expect(text(ru, GOLDEN_CASES["woman-detained"]!(), "prosecutor")).toContain(cite("ru", "uk.146.3"));
  });
});

describe("the UN communication", () => {
  it("is an allegation letter for what has occurred, an urgent appeal when someone is at risk now", () => {
    expect(draft(ru, GOLDEN_CASES["woman-detained"]!(), "un").variant).toBe("allegation_letter");
    expect(draft(ru, GOLDEN_CASES["happening-now"]!(), "un").variant).toBe("urgent_appeal");
    const letter = text(ru, GOLDEN_CASES["woman-detained"]!(), "un");
    expect(letter).toContain("письмо об утверждениях");
    expect(letter).not.toMatch(/срочн/);
    expect(text(ru, GOLDEN_CASES["happening-now"]!(), "un")).toContain("Просьба о срочных действиях");
    // The reviewer may switch it.
    expect(text(ru, GOLDEN_CASES["happening-now"]!(), "un", "allegation_letter")).not.toMatch(/срочн/);
  });

  it("gives each victim's date of birth, custody now and consent, the consent to names, and how to submit", () => {
    const t = text(en, GOLDEN_CASES["woman-detained"]!(), "un");
    expect(t).toMatch(
      /1\. Alleged victims\n– .*, born 1975, female, .*since released; the alleged victim's consent to this submission has been obtained/,
    );
    expect(t).toContain("The reporters consent to the names being disclosed to the Government.");
    expect(t).toContain(`Submitted through: ${cite("en", "ohchr.sr.channel")}.`);
    const now = text(en, GOLDEN_CASES["happening-now"]!(), "un");
    expect(now).toContain(
      "whereabouts currently unknown; [the alleged victim's consent to this submission — to be confirmed]",
    );
    expect(now).toContain("names are withheld until it is obtained");
  });

  it("names a person only where the reporter said yes to giving names to the Government", () => {
    for (const answer of [undefined, null, "no", "dont_know"] as const) {
      const input = seedCase();
      const opened = input.opened.map((source) => ({ ...source, namesToGovernment: answer }));
      const t = text(ru, { ...input, opened }, "un");
      expect(t).not.toContain("Масанов");
      expect(t).toContain("Лицо 1 из сообщения № 1 (имя не раскрывается)");
    }
    const input = seedCase();
    const opened = input.opened.map((source) => ({ ...source, namesToGovernment: "yes" as const }));
    expect(text(ru, { ...input, opened }, "un")).toContain("Айдир Масанов");
    // The prosecutor is the Government's own: the names stay in the draft addressed to it.
    expect(text(ru, seedCase(), "prosecutor")).toContain("Айдир Масанов");
  });

  it("holds only the reports whose reporter consented to share with the UN", () => {
    const d = draft(ru, seedCase(), "un");
    expect(d.text).not.toMatch(/обыск|мать задержанного|сообщение № 2/);
    expect(d.leftOut).toEqual([2]);
    expect(seedCase().opened.some((s) => s.meta.report_id === MOTHER_ID)).toBe(true);
  });
});

describe("the dossier's language", () => {
  it("defaults to Russian for a language it does not speak", () => {
    expect(dossierTag("en")).toBe("en");
    expect(dossierTag("kk")).toBe("ru");
  });

  it("has words for every kind, method, injury type and safeguard the documents print, in both languages", () => {
    const kinds: IncidentKind[] = [
      "detention",
      "search",
      "interrogation",
      "torture",
      "threats",
      "paperwork",
      "harm_to_relatives",
      "other",
    ];
    // Every ill-treatment method the phone offers (its catalog's choices) has the drafts' words
    const methods = Object.keys(reporterRu.methodsV2);
    const types: InjuryType[] = ["bruise", "abrasion", "laceration", "burn", "swelling", "fracture", "other"];
    const keys = [
      ...kinds.map((k) => `dossier.kinds.${k}`),
      ...methods.map((m) => `appeal.methods.${m}`),
      ...types.map((type) => `dossier.injuryTypes.${type}`),
      ...Object.entries(SAFEGUARD_FIELDS).flatMap(([type, fields]) =>
        fields.map((field) => `dossier.safeguards.${type}.${field}`),
      ),
    ];
    for (const tag of DOSSIER_LANGUAGES) {
      const L = documentLanguage(tag);
      expect(keys.filter((key) => L.t(key) === key)).toEqual([]);
    }
  });

  it("prints times in UTC and a reporter's approximate time as such", () => {
    expect(en.instant("2020-04-29T08:00:00+05:00")).toBe("29 April 2020, 03:00 UTC");
    expect(ru.when({ precision: "approximate", value: "2020-04-28T22:00" })).toBe("примерно 28 апреля 2020, 22:00");
    expect(ru.when({ precision: "unknown", value: "2020-04-28" })).toBeNull();
  });
});
