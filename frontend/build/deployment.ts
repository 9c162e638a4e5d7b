/**
 * Reads the deployment file named by KUA_DEPLOYMENT_FILE (docs/reporter-app.md, "Deployment file"):
 * what the reporter app pins at build time. The build refuses to run without a valid one, so a
 * phone never gets an app that trusts nothing, or trusts keys nobody checked.
 */
import { readFileSync } from "node:fs";

export interface DeploymentFile {
  readonly version: 1;
  readonly development: boolean;
  readonly app_name: string;
  readonly short_name: string;
  readonly theme_color?: string;
  readonly quick_exit_url?: string;
  readonly root_public_keys: readonly string[];
  readonly threshold: number;
  readonly recipient_list: string;
}

export class DeploymentFileError extends Error {}

/**
 * The root public keys of `kua dev-setup`: derived from labels printed in backend/kua/crypto/rootkeys.py,
 * so their secret keys are public. Only a deployment file marked `"development": true` may pin them.
 * tests/config/test_settings.py checks this list against the derivation.
 */
export const DEVELOPMENT_ROOT_PUBLIC_KEYS: readonly string[] = [
  "kuaroot1fry7l82lw80yhyxdfgl68ncw0gxeu0s7nwesurhq3dj30vk5pjyqwj06j3",
  "kuaroot1pjra6v8lxqwzv8yu2u0j5828t8dpmktlkx5r82yz3fqpr2pvxtssdphg53",
];

/** The deployment file, or null when it is not required (tests, dev server) and none is named. */
export function loadDeployment(required: boolean): DeploymentFile | null {
  const path = process.env.KUA_DEPLOYMENT_FILE;
  if (!path) {
    if (required) {
      throw new DeploymentFileError(
        "KUA_DEPLOYMENT_FILE is not set: the build needs the deployment file (`make frontend` sets it to the development one).",
      );
    }
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf-8"));
  } catch (error) {
    throw new DeploymentFileError(`Cannot read the deployment file ${path}: ${String(error)}`);
  }
  return checked(parsed, path);
}

function checked(value: unknown, path: string): DeploymentFile {
  const fail = (reason: string): never => {
    throw new DeploymentFileError(`The deployment file ${path} is not valid: ${reason}.`);
  };
  if (typeof value !== "object" || value === null) return fail("it is not a JSON object");
  const file = value as Record<string, unknown>;
  if (file.version !== 1) fail("version must be 1");
  if (typeof file.development !== "boolean") fail("development must be true or false");
  for (const key of ["app_name", "short_name", "recipient_list"] as const) {
    if (typeof file[key] !== "string" || file[key] === "") fail(`${key} must be a non-empty string`);
  }
  for (const key of ["theme_color", "quick_exit_url"] as const) {
    if (file[key] !== undefined && typeof file[key] !== "string") fail(`${key} must be a string`);
  }
  const keys = file.root_public_keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((key) => typeof key === "string")) {
    fail("root_public_keys must be a non-empty list of strings");
  }
  if (file.development === false && (keys as string[]).some((key) => DEVELOPMENT_ROOT_PUBLIC_KEYS.includes(key))) {
    fail("root_public_keys includes a development root key of `kua dev-setup`, whose secret key is public");
  }
  const threshold = file.threshold;
  if (typeof threshold !== "number" || !Number.isInteger(threshold) || threshold < 1) {
    fail("threshold must be a positive integer");
  } else if (threshold > (keys as unknown[]).length) {
    fail("threshold is larger than the number of root public keys");
  }
  return file as unknown as DeploymentFile;
}
