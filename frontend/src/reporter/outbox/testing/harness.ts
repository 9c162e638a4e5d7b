/**
 * Test-only: a reporter's engine on a fresh fake IndexedDB, a fake intake API, a manual clock, a
 * scripted uploader and a deployment pinning test root keys. Never imported by the app.
 */
import { IDBFactory } from "fake-indexeddb";

import type { DeploymentConfig } from "../../../shared/deployment";
import {
  reviewer,
  rootKeyPair,
  signList,
  type Reviewer,
  type RootKeyPair,
} from "../../../shared/crypto/testing/signing";
import { open } from "../../../shared/crypto";
import type { ReportDraftV2 } from "../../../shared/report/draftV2";
import type { ReportV2 } from "../../../shared/report/v2";
import { openKuaDb } from "../../store/db";
import { openEngine, type EngineOptions } from "../../engine/open";
import { ScriptedUploader, ManualTimers } from "./fakes";
import { FakeIntake } from "./fakeIntake";
import { readStoredBytes } from "../../store/storedBytes";

/** Argon2id at a toy cost, so tests that only need "a PIN is set" stay fast. */
export const TOY_ARGON2 = { m: 64, t: 1, p: 1 };

/** Everything a test needs around one engine. */
export interface Harness {
  readonly engine: Awaited<ReturnType<typeof openEngine>>;
  readonly intake: FakeIntake;
  readonly uploader: ScriptedUploader;
  readonly timers: ManualTimers;
  readonly reviewer: Reviewer;
  readonly roots: readonly RootKeyPair[];
  readonly deployment: DeploymentConfig;
  /** Whether the fake phone believes it is online (navigator.onLine). */
  online: boolean;
}

/** Gives the next engine an empty IndexedDB. */
export function freshIndexedDb(): void {
  globalThis.indexedDB = new IDBFactory();
}

/** A new engine on an empty phone; the build ships a list (seq 1) naming one reviewer. */
export async function harness(options: Partial<EngineOptions> = {}): Promise<Harness> {
  freshIndexedDb();
  const roots = [rootKeyPair(), rootKeyPair(), rootKeyPair()];
  const person = await reviewer();
  const deployment: DeploymentConfig = {
    development: true,
    appName: "Test",
    rootPublicKeys: roots.map((root) => root.publicKey),
    threshold: 2,
    recipientList: signList({ seq: 1, recipients: [person.recipient] }, roots.slice(0, 2)),
    quickExitUrl: "/exit.html",
  };
  const intake = new FakeIntake();
  const uploader = new ScriptedUploader();
  const timers = new ManualTimers();
  const base = { intake, uploader, timers, reviewer: person, roots, deployment, online: true };
  const engine = await openEngine(engineOptions(base, options));
  // The same object, so a test flipping `online` is seen by the engine.
  const h: Harness = Object.assign(base, { engine });
  await engine.drain.idle();
  return h;
}

function engineOptions(h: Omit<Harness, "engine">, options: Partial<EngineOptions>): EngineOptions {
  return {
    fetch: h.intake.fetch,
    apiBase: "https://kua.test",
    deployment: h.deployment,
    uploader: h.uploader,
    timers: h.timers,
    random: () => 0.5,
    online: () => h.online,
    argon2: TOY_ARGON2,
    browser: false,
    ...options,
  };
}

/** The app reloaded on the same phone: a second engine on the same database and fakes. */
export async function reopen(h: Harness): Promise<Harness["engine"]> {
  const engine = await openEngine(engineOptions(h, {}));
  await engine.drain.idle();
  return engine;
}

/** A draft with the minimum a report needs (a kind of incident, consent to record). */
export function completeDraft(h: Harness, changes: Partial<ReportDraftV2> = {}): ReportDraftV2 {
  const draft = h.engine.newDraft("ru");
  return {
    ...draft,
    kinds: ["detention"],
    consent: { ...draft.consent, record: true, photograph: true },
    account: "Забрали брата из дома в 6 утра.",
    ...changes,
  };
}

/** The attachment identity a draft keeps at rest: the draft saved, then read back as after a reload. */
export async function draftAttachmentIdentity(h: Harness, draft: ReportDraftV2): Promise<string> {
  await h.engine.saveDraft(draft);
  const stored = (await h.engine.listDrafts()).find((candidate) => candidate.draftId === draft.draftId);
  if (stored?.attachmentIdentity === undefined) throw new Error(`draft ${draft.draftId} keeps no attachment identity`);
  return stored.attachmentIdentity;
}

/** The queued report `reportId` as the reviewer opens it (its plaintext JSON). */
export async function submittedReport(h: Harness, reportId: string): Promise<ReportV2> {
  const db = await openKuaDb();
  const record = await db.get("outbox", reportId);
  db.close();
  if (record?.ciphertext == null) throw new Error(`report ${reportId} is not queued`);
  const plaintext = await open(await readStoredBytes(record.ciphertext), [h.reviewer.identity]);
  return JSON.parse(new TextDecoder().decode(plaintext)) as ReportV2;
}
