/** A new, empty report draft: every answer unknown (null), never guessed. */
import { v7 as uuidv7 } from "uuid";

import { FORM_VERSION, REPORT_FORMAT, REPORT_VERSION, type ReportDraft } from "../../shared/report/model";

/** An empty draft in `language`, with a fresh UUIDv7 draft id. */
export function emptyDraft(language: string, now: Date = new Date()): ReportDraft {
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    formVersion: FORM_VERSION,
    draftId: uuidv7(),
    updatedAt: now.toISOString(),
    language,
    happeningNow: false,
    reporter: { role: null, relationToVictim: null, safeContact: null, reprisalRisk: "unknown" },
    consent: { record: false, photograph: false, shareWithProsecutor: false, shareWithUn: false },
    kinds: [],
    when: { precision: "unknown", value: null },
    where: { village: null, other: null, placeType: null, gps: null },
    account: null,
    victims: [],
    perpetrators: { agency: null, unit: null, count: null, clothing: null, vehicles: null, namesOrDescriptions: null },
    detention: null,
    search: null,
    interrogation: null,
    torture: null,
    injuries: [],
    medical: null,
    harmToRelatives: [],
    otherPhotos: [],
  };
}
