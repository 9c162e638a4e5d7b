import { afterEach, describe, expect, it, vi } from "vitest";

import type { KuaDb } from "./db";
import { openDb } from "./openDb";

const onDisk = { name: "disk", close: vi.fn() } as unknown as KuaDb;
const inMemory = { name: "memory" } as unknown as KuaDb;
const memory = () => Promise.resolve(inMemory);

afterEach(() => vi.restoreAllMocks());

describe("openDb: a browser that keeps nothing gets a database in memory", () => {
  it("opens the phone's database when IndexedDB answers", async () => {
    expect(await openDb(() => Promise.resolve(onDisk), memory)).toEqual({ db: onDisk, keepsNothing: false });
  });

  it("falls back to memory when indexedDB.open throws SecurityError (cookies blocked)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const refuse = (): Promise<KuaDb> => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
    expect(await openDb(refuse, memory)).toEqual({ db: inMemory, keepsNothing: true });
  });

  it("does not hide a newer database behind memory: a VersionError is thrown", async () => {
    const newer = (): Promise<KuaDb> =>
      Promise.reject(new DOMException("The requested version is less.", "VersionError"));
    await expect(openDb(newer, memory)).rejects.toThrow(/version/);
  });

  it("falls back to memory when the open fails", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const fail = () => Promise.reject(new DOMException("Internal error opening backing store", "UnknownError"));
    expect(await openDb(fail, memory)).toEqual({ db: inMemory, keepsNothing: true });
  });

  it("falls back to memory when the open never answers, and closes a late answer", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    let answer: (db: KuaDb) => void = () => undefined;
    const late = new Promise<KuaDb>((resolve) => (answer = resolve));
    expect(await openDb(() => late, memory, 20)).toEqual({ db: inMemory, keepsNothing: true });
    answer(onDisk);
    await vi.waitFor(() => expect(onDisk.close).toHaveBeenCalled());
  });

  it("opens a real in-memory database with every store", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { db, keepsNothing } = await openDb(() => Promise.reject(new Error("no storage")));
    expect(keepsNothing).toBe(true);
    await db.put("settings", "kk", "language");
    expect(await db.get("settings", "language")).toBe("kk");
    expect([...db.objectStoreNames]).toContain("outbox");
    db.close();
  });
});
