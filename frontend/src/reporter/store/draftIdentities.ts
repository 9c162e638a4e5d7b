/**
 * Each draft's attachment identity (docs/crypto.md, "One recipient per report"), made at the draft's
 * first attachment. It lives in the draft itself (`attachmentIdentity`, encrypted at rest with the
 * rest of it) until Send, then only inside the sealed report. The screens hold the draft and save it
 * back without knowing the field, so this page also keeps each identity in memory and puts it back
 * into every draft it saves or submits: a save can never drop it, which would leave the draft's
 * attachments sealed to a key no report carries.
 */
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import { Mutex } from "./mutex";

export interface DraftIdentityStore {
  /** The stored draft, or null (none yet, or unreadable while locked). */
  read(draftId: string): Promise<ReportDraftV2 | null>;
  /** Stores the draft (with its identity) back; called with the drafts mutex held by the caller. */
  write(draft: ReportDraftV2): Promise<void>;
  /** Runs `task` holding the drafts mutex, so no autosave lands between the read and the write. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
}

export class DraftIdentities {
  /** Identities of this page's drafts; `stored` once a saved draft record holds it too. */
  private readonly known = new Map<string, { identity: string; stored: boolean }>();
  private readonly making = new Mutex();

  constructor(private readonly store: DraftIdentityStore) {}

  /** Learns the identities of drafts read from storage. */
  remember(drafts: readonly ReportDraftV2[]): void {
    for (const draft of drafts) {
      if (draft.attachmentIdentity !== undefined && !this.known.has(draft.draftId)) {
        this.known.set(draft.draftId, { identity: draft.attachmentIdentity, stored: true });
      }
    }
  }

  /** `draft` with its identity, as it must be saved or submitted (the one this page knows wins). */
  withIdentity(draft: ReportDraftV2): ReportDraftV2 {
    const known = this.known.get(draft.draftId);
    return known === undefined ? draft : { ...draft, attachmentIdentity: known.identity };
  }

  /** The draft was saved with its identity: its record holds it from now on. */
  saved(draft: ReportDraftV2): void {
    const known = this.known.get(draft.draftId);
    if (known !== undefined && known.identity === draft.attachmentIdentity) known.stored = true;
  }

  /**
   * The identity of draft `draftId`: the one known or stored, else `make()`'s, written into the stored
   * draft at once when there is one (else into the first save of it).
   */
  identityFor(draftId: string, make: () => Promise<string>): Promise<string> {
    return this.making.run(async () => {
      const known = this.known.get(draftId);
      if (known !== undefined) return known.identity;
      return this.store.exclusive(async () => {
        const stored = await this.store.read(draftId);
        if (stored?.attachmentIdentity !== undefined) {
          this.known.set(draftId, { identity: stored.attachmentIdentity, stored: true });
          return stored.attachmentIdentity;
        }
        const identity = await make();
        this.known.set(draftId, { identity, stored: stored !== null });
        if (stored !== null) await this.store.write({ ...stored, attachmentIdentity: identity });
        return identity;
      });
    });
  }

  /** Forgets a draft submitted or deleted: from now on its identity is only inside its sealed report. */
  forget(draftId: string): void {
    this.known.delete(draftId);
  }

  /**
   * Forgets what storage holds (the app locks, or the quick exit closes it): only identities no saved
   * draft holds yet stay, for the screens' last save, which lands after this.
   */
  forgetStored(): void {
    for (const [draftId, { stored }] of this.known) if (stored) this.known.delete(draftId);
  }
}
