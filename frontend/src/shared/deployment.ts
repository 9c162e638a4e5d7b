/**
 * What this build pins (frontend/build/deployment.ts): root public keys, threshold, the recipient
 * list current at build time, the neutral app name. Replaced at build time by Vite's `define`.
 */

export interface DeploymentConfig {
  readonly development: boolean;
  readonly appName: string;
  readonly rootPublicKeys: readonly string[];
  readonly threshold: number;
  /** The signed recipient list shipped in the build (text of the signed file). */
  readonly recipientList: string;
  readonly quickExitUrl: string;
}

declare const __KUA_DEPLOYMENT__: DeploymentConfig | null;

/** Null when the app was built (or is tested) without a deployment file. */
export const deployment: DeploymentConfig | null =
  typeof __KUA_DEPLOYMENT__ === "undefined" ? null : __KUA_DEPLOYMENT__;
