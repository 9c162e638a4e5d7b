/** One sentence about what went wrong: the catalog's words for a known code, else the server's. */
import { ApiError } from "../api";
import { t } from "../i18n";

/** The message for an error (an `ApiError`'s code, or a local error's name). */
export function problemText(error: unknown): string {
  const code = error instanceof ApiError ? error.code : error instanceof Error ? error.name : "unknown";
  const known = t(`errors.${code}`);
  if (known !== `errors.${code}`) return known;
  return error instanceof ApiError ? error.message : t("errors.unknown");
}

export function Problem({ error, testid = "problem" }: { error: unknown; testid?: string }) {
  if (error === null || error === undefined) return null;
  return (
    <p class="problem" role="alert" data-testid={testid}>
      {problemText(error)}
    </p>
  );
}
