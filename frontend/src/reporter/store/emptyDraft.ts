/** A new, empty report draft: every answer unanswered (null), never guessed. */
import { v7 as uuidv7 } from "uuid";

import { emptyDraftV2, type ReportDraftV2 } from "../../shared/report/draftV2";

/** An empty v2 draft in `language`, with a fresh UUIDv7 draft id. */
export function emptyDraft(language: string, now: Date = new Date()): ReportDraftV2 {
  return emptyDraftV2(language, uuidv7(), now);
}
