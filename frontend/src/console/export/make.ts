/**
 * One export, start to end: whom to seal to (decided first, so a refusal costs nothing), the
 * content gathered and opened, zipped, and sealed with age to those recipients. The bundle is not
 * padded: it stays on the reviewer's machine, and `kua open` of it gives the ZIP itself.
 */
import { sealRaw, type RecipientList } from "../../shared/crypto";
import type { Reviewer } from "../apiTypes";
import { recipientOf } from "../keys/identity";
import { bundleFileName, zipBundle } from "./bundle";
import { gatherExport, type ExportProgress, type ExportSources } from "./collect";
import { buildManifest, type ExportManifest, type ExportScope } from "./manifest";
import { exportRecipients } from "./recipients";

export interface ExportRequest {
  scope: ExportScope;
  caseId?: string;
  /** Also seal to the other reviewers of the verified recipient list. */
  others: boolean;
}

export interface MadeBundle {
  fileName: string;
  /** The age file. */
  bytes: Uint8Array;
  manifest: ExportManifest;
  /** The family's answers (opened or not) in `followups.json`, the saved draft versions in `drafts.json`. */
  counts: { answers: number; drafts: number };
}

export interface BundleSources extends ExportSources {
  reviewer: Pick<Reviewer, "id" | "name">;
  recipientList: () => Promise<RecipientList>;
}

export async function makeBundle(
  sources: BundleSources,
  request: ExportRequest,
  onProgress: (progress: ExportProgress) => void = () => undefined,
  now: () => Date = () => new Date(),
): Promise<MadeBundle> {
  // The reviewer's own recipient from the unlocked identity: a server cannot slip its key in here.
  const own = { name: sources.reviewer.name, recipient: await recipientOf(sources.keyring.identity()) };
  const recipients = exportRecipients(own, request.others ? await sources.recipientList() : null, request.others);
  const gathered = await gatherExport(sources, request, onProgress);
  const createdAt = now();
  const content = {
    ...gathered,
    createdAt,
    scope: request.scope,
    exportedBy: { reviewer_id: sources.reviewer.id, name: sources.reviewer.name },
    sealedTo: recipients,
  };
  onProgress({ phase: "sealing", done: 0, total: 1 });
  const bytes = await sealRaw(
    zipBundle(content),
    recipients.map((entry) => entry.recipient),
  );
  onProgress({ phase: "sealing", done: 1, total: 1 });
  const counts = {
    answers: content.followups.reduce((sum, entry) => sum + entry.answers.length, 0),
    drafts: content.drafts.filter((draft) => draft.draft_id !== null).length,
  };
  return { fileName: bundleFileName(request.scope, createdAt), bytes, manifest: buildManifest(content), counts };
}
