/**
 * The appeal drafts say what the case's reports say (dates, the village, the missing paperwork, the
 * injuries and their photos' hashes), in the dossier's language, ask what the coalition asks, and
 * never fill in what a report leaves unknown.
 */
import { describe, expect, it } from "vitest";

import type { IncidentKind, InjuryType, TortureMethod } from "../../shared/report/model";
import { sampleReport } from "../testing/reports";
import { SAFEGUARDS } from "../report/violations";
import { buildDossier, consenting, type DossierInput } from "./dossier";
import { documentLanguage, DOSSIER_LANGUAGES, dossierTag } from "./language";
import { prosecutorDraft } from "./prosecutor";
import { MOTHER_ID, PHOTO, seedCase } from "./testing/seedCase";
import { unDraft, unProcedureFor } from "./un";

const ru = documentLanguage("ru");
const en = documentLanguage("en");
const forProsecutor = buildDossier(consenting(seedCase(), "prosecutor"));
const forUn = buildDossier(consenting(seedCase(), "un"));

/** Nothing left of the machinery: no catalog key, placeholder, null or undefined in the text. */
function expectClean(text: string): void {
  expect(text).not.toMatch(/dossier\.|regions\.|villages\.|\{\{|undefined|null|NaN/);
}

describe("the draft appeal to the General Prosecutor", () => {
  it("gives the case's facts in Russian: dates, the village, the missing paperwork, the night interrogation, the injury", () => {
    const text = prosecutorDraft(ru, forProsecutor);
    for (const fact of [
      "Генеральному прокурору Республики Казахстан",
      "с 28 апреля 2020 по 29 апреля 2020",
      "с. Сортобе",
      "Задержание: 28 апреля 2020, 06:00",
      "не составлен протокол задержания",
      "не предъявлено постановление об обыске",
      "проводился в ночное время",
      "продолжительность — 14 ч",
      "допрос проводился без адвоката",
      "надевание пакета на голову",
      "повреждение № 1 — кровоподтёк, левая рука выше локтя (спереди), 4 см",
      PHOTO.originalSha256,
      PHOTO.sealedSha256,
      "Айдир Масанов",
      "«мать задержанного», смерть, 29 апреля 2020",
    ]) {
      expect(text).toContain(fact);
    }
    // Detaining a suspect needs no sanction (docs/legal-basis.md, upk.detention.grounds): not a violation
    expect(text).not.toContain("санкция");
    expectClean(text);
  });

  it("asks for a criminal case under Article 146, the injuries recorded, examinations by the Istanbul Protocol", () => {
    const text = prosecutorDraft(ru, forProsecutor);
    expect(text).toContain("по статье 146 Уголовного кодекса Республики Казахстан (пытки)");
    expect(text).toContain("зафиксировать все телесные повреждения");
    expect(text).toContain(
      "судебно-медицинскую и судебно-психологическую экспертизы в соответствии с методологией Стамбульского протокола",
    );
    const english = prosecutorDraft(en, forProsecutor);
    expect(english).toContain("under Article 146 of the Criminal Code of the Republic of Kazakhstan (torture)");
    expect(english).toContain("forensic medical and forensic psychological examinations");
    expect(english).toContain("Istanbul Protocol");
  });

  it("is written in English when the dossier is, the reporters' words quoted as they wrote them", () => {
    const text = prosecutorDraft(en, forProsecutor);
    for (const fact of [
      "from 28 April 2020 to 29 April 2020",
      "Sortobe village",
      "no detention record was drawn up",
      "the interrogation was conducted without a lawyer",
      "lasted 14 hours",
      "a bag placed over the head",
      "taken to “Кордайский РОВД”",
      PHOTO.originalSha256,
    ]) {
      expect(text).toContain(fact);
    }
    expect(text).not.toMatch(/Генеральному|апреля|Сортобе\b/);
    expectClean(text);
  });

  it("invents nothing the reports leave unknown", () => {
    const text = prosecutorDraft(ru, forProsecutor);
    // Aydir's age, the search's end, the items seized and the inventory are not known: not stated.
    expect(text).toContain("Айдир Масанов — мужчина.");
    expect(text).not.toMatch(/окончен|изъято|перечень изъятых/);
    // "Unknown" is not a violation: the family's notification was not answered.
    expect(text).not.toContain("родственники не уведомлены");
    // A person with no name stays nameless.
    expect(text).toContain("Лицо 1 из сообщения № 2 (имя не указано) — женщина, пожилого возраста");
  });
  it("says the injuries were photographed only when they were", () => {
    const input = consenting(seedCase(), "prosecutor");
    const opened = input.opened.map((source) => ({
      ...source,
      report: { ...source.report, injuries: source.report.injuries.map((injury) => ({ ...injury, photos: [] })) },
    }));
    const withoutPhotos = prosecutorDraft(ru, buildDossier({ ...input, opened }));
    expect(withoutPhotos).toContain("Сообщается о следующих телесных повреждениях (их фотографии не присланы):");
    expect(withoutPhotos).not.toContain("сфотографированы");
    expect(prosecutorDraft(ru, forProsecutor)).toContain("они сфотографированы");
  });
});

describe("the draft communication to the UN Special Rapporteur on Torture", () => {
  it("follows the Special Rapporteur's headings with the case's facts, as an urgent appeal when asked", () => {
    const text = unDraft(en, forUn, "urgent_appeal");
    for (const fact of [
      "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
      "1. Identity of the alleged victims (as known)",
      "– Person 1 in report 1 (name withheld) — male (report 1)",
      "2. Date and place of the incidents",
      "28 April 2020, 06:00, Sortobe village, at the home (report 1)",
      "3. Alleged perpetrators",
      "agency: “Полиция”; unit: “Кордайский РОВД”; number of officers: 5",
      "4. Description of the acts",
      "no detention record was drawn up",
      "5. Injuries",
      PHOTO.originalSha256,
      "6. Steps taken with the domestic authorities",
      "Article 146 of the Criminal Code",
      "7. Request for urgent action",
    ]) {
      expect(text).toContain(fact);
    }
    expectClean(text);
  });

  it("names a person only where the reporter said yes to giving names to the Government", () => {
    // A v1 report never asked: its names stay out, as they do after "no" or "don't know".
    for (const answer of [undefined, null, "no", "dont_know"] as const) {
      const input = seedCase();
      const opened = input.opened.map((source) => ({ ...source, namesToGovernment: answer }));
      const agreed = buildDossier(consenting({ ...input, opened }, "un"));
      const text = unDraft(en, agreed);
      expect(text).not.toContain("Масанов");
      expect(text).toContain("Person 1 in report 1 (name withheld)");
      expect(agreed.sources.filter((s) => s.namesWithheld).map((s) => s.reportId)).toEqual([MOTHER_ID]);
    }
    const input = seedCase();
    const opened = input.opened.map((source) => ({ ...source, namesToGovernment: "yes" as const }));
    const agreed = buildDossier(consenting({ ...input, opened }, "un"));
    expect(unDraft(en, agreed)).toContain("– Айдир Масанов — male (report 1)");
    expect(agreed.sources.some((s) => s.namesWithheld)).toBe(false);
    // The prosecutor is the Government's own: the names stay in the draft addressed to it.
    expect(prosecutorDraft(en, buildDossier(consenting(seedCase(), "prosecutor")))).toContain("Айдир Масанов");
  });

  it("holds only the reports whose reporter consented to share with the UN", () => {
    // The neighbour did not consent: her report's search and the mother's death stay out.
    for (const text of [unDraft(en, forUn), unDraft(ru, forUn)]) {
      expect(text).not.toMatch(/search warrant|обыске|мать задержанного|report 2|сообщение № 2/);
    }
    expect(unDraft(ru, forUn)).toContain("Специальному докладчику по вопросу о пытках");
    expect(unDraft(ru, forUn, "urgent_appeal")).toContain("7. Просьба о срочных действиях");
  });

  it("is an allegation letter for what has occurred, an urgent appeal when someone is at risk now", () => {
    // The seed letter's families: detained, beaten and released: violations that have occurred
    expect(unProcedureFor(forUn)).toBe("allegation_letter");
    const letter = unDraft(ru, forUn);
    expect(letter).toContain("письмо об утверждениях");
    expect(letter).toContain("7. Просьба\n");
    expect(letter).not.toMatch(/срочн/);
    expect(unDraft(en, forUn)).toContain("send an allegation letter to the Government");
    // A report sent as "happening now", or a person whose whereabouts are unknown: urgent
    const now = seedCase();
    const happening = now.opened.map((source) =>
      source.meta.report_id === MOTHER_ID ? { ...source, report: { ...source.report, happeningNow: true } } : source,
    );
    expect(unProcedureFor(buildDossier(consenting({ ...now, opened: happening }, "un")))).toBe("urgent_appeal");
    const missing = now.opened.map((source) =>
      source.report.detention
        ? {
            ...source,
            report: { ...source.report, detention: { ...source.report.detention, whereaboutsUnknown: true } },
          }
        : source,
    );
    const urgent = buildDossier(consenting({ ...now, opened: missing }, "un"));
    expect(unProcedureFor(urgent)).toBe("urgent_appeal");
    expect(unDraft(ru, urgent)).toContain("7. Просьба о срочных действиях");
  });

  it("says a heading is not known rather than guess, for a report that says almost nothing", () => {
    const bare = sampleReport({
      when: { precision: "unknown", value: null },
      where: { village: null, other: null, placeType: null, gps: null },
      detention: null,
      victims: [],
    });
    const bareReport = {
      ...bare,
      perpetrators: {
        agency: null,
        unit: null,
        count: null,
        clothing: null,
        vehicles: null,
        namesOrDescriptions: null,
      },
    };
    const input: DossierInput = {
      caseId: "c",
      title: null,
      reportIds: ["x"],
      opened: [{ meta: { ...seedCase().opened[0]!.meta, report_id: "x" }, report: bareReport }],
    };
    for (const L of [ru, en]) {
      const un = unDraft(L, buildDossier(input));
      expect(un).toContain(L.t("dossier.doc.notKnownSentence"));
      expectClean(un);
      expectClean(prosecutorDraft(L, buildDossier(input)));
    }
  });
});

describe("the dossier's language", () => {
  it("defaults to Russian for a language it does not speak", () => {
    expect(dossierTag("en")).toBe("en");
    expect(dossierTag("kk")).toBe("ru");
  });

  it("has words for every kind, method, injury type and safeguard, in both languages", () => {
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
    const methods: TortureMethod[] = [
      "bag_over_head",
      "suffocation_by_hand",
      "beating",
      "beating_with_object",
      "stress_positions",
      "sexual_violence",
      "threats_to_family",
      "electric_shock",
      "other",
    ];
    const types: InjuryType[] = ["bruise", "abrasion", "laceration", "burn", "swelling", "fracture", "other"];
    const keys = [
      ...kinds.map((k) => `dossier.kinds.${k}`),
      ...methods.map((m) => `dossier.methods.${m}`),
      ...types.map((type) => `dossier.injuryTypes.${type}`),
      ...Object.entries(SAFEGUARDS).flatMap(([section, fields]) =>
        fields.flatMap(({ field }) => [
          `dossier.violations.${section}.${field}`,
          `dossier.safeguards.${section}.${field}`,
        ]),
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
