import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

import { DEVELOPMENT_ROOT_PUBLIC_KEYS, DeploymentFileError, loadDeployment } from "../../build/deployment.ts";

const A_COALITION_KEY = "kuaroot1qwcwk65kmgx38j9v6srz9z67ey7cyr32yw3686uhek3r6hfm4els5maxzg";
const named = process.env.KUA_DEPLOYMENT_FILE;

function deploymentFile(development: boolean, rootPublicKeys: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "kua-deployment-")), "deployment.json");
  const file = {
    version: 1,
    development,
    app_name: "Заметки",
    short_name: "Заметки",
    root_public_keys: rootPublicKeys,
    threshold: 1,
    recipient_list: "{}",
  };
  writeFileSync(path, JSON.stringify(file));
  return path;
}

function load(path: string): unknown {
  process.env.KUA_DEPLOYMENT_FILE = path;
  return loadDeployment(true);
}

afterEach(() => {
  if (named === undefined) delete process.env.KUA_DEPLOYMENT_FILE;
  else process.env.KUA_DEPLOYMENT_FILE = named;
});

describe("a deployment file with development root keys", () => {
  it("builds a development app", () => {
    expect(load(deploymentFile(true, [...DEVELOPMENT_ROOT_PUBLIC_KEYS]))).toMatchObject({ development: true });
  });

  it("refuses to build a real app, even beside a coalition's key", () => {
    const path = deploymentFile(false, [A_COALITION_KEY, DEVELOPMENT_ROOT_PUBLIC_KEYS[1] ?? ""]);
    expect(() => load(path)).toThrow(DeploymentFileError);
    expect(() => load(path)).toThrow(/development root key of `kua dev-setup`/);
  });

  it("builds a real app pinned to the coalition's keys only", () => {
    expect(load(deploymentFile(false, [A_COALITION_KEY]))).toMatchObject({ development: false });
  });
});
