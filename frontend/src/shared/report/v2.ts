/**
 * The report, format `kua.report` version 2 (docs/report-format.md): people, the acts done to them,
 * their injuries and medical care, each fact with its source. The JSON Schema
 * `report-v2.schema.json` is the source of truth; the types (`v2.gen.ts`) and the validator
 * (`validateV2.gen.js`, compiled by Ajv at build time) are generated from it by
 * `node scripts/report-schema.mjs`. What JSON Schema cannot say (an id referred to exists, ids are
 * unique) is checked here.
 */
import type { Act, ReportV2 } from "./v2.gen";
import { validate, type SchemaError } from "./validateV2.gen.js";

export type * from "./v2.gen";

export const REPORT_V2 = 2;

/** One thing wrong with a report: where (a JSON Pointer, "" for the whole) and why, in one sentence. */
export interface FormatProblem {
  path: string;
  message: string;
}

export type Checked = { ok: true; report: ReportV2 } | { ok: false; problems: FormatProblem[] };

const schemaProblem = (error: SchemaError): FormatProblem => {
  if (error.keyword === "discriminator")
    return { path: `${error.instancePath}/type`, message: "is not a kind of act this format knows" };
  const missing = error.params["missingProperty"];
  if (error.keyword === "required" && typeof missing === "string")
    return { path: `${error.instancePath}/${missing}`, message: "is missing" };
  const allowed = error.params["allowedValues"];
  const message = Array.isArray(allowed)
    ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`
    : (error.message ?? error.keyword);
  return { path: error.instancePath, message };
};

/**
 * One problem per fault: a nullable field ("a When, or null") that is neither reports the branch's
 * own error, not also "must be null" and "must match a schema in anyOf".
 */
function schemaProblems(errors: SchemaError[]): FormatProblem[] {
  const umbrella = (e: SchemaError): boolean =>
    e.keyword === "anyOf" || (e.keyword === "type" && e.params["type"] === "null");
  const specific = errors.filter((e) => !umbrella(e));
  const problems = (specific.length > 0 ? specific : errors).map(schemaProblem);
  return problems.filter((p, i) => problems.findIndex((q) => q.path === p.path && q.message === p.message) === i);
}

/** The problems with the ids inside a report that passed the schema. */
function referenceProblems(report: ReportV2): FormatProblem[] {
  const problems: FormatProblem[] = [];
  const idsOf = (list: keyof ReportV2, items: readonly { id: string }[]): Set<string> => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) problems.push({ path: `/${list}/${i}/id`, message: `repeats the id "${item.id}"` });
      seen.add(item.id);
    });
    return seen;
  };
  const people = idsOf("people", report.people);
  const perpetrators = idsOf("perpetrators", report.perpetrators);
  const acts = idsOf("acts", report.acts);
  idsOf("injuries", report.injuries);
  idsOf("medical", report.medical);
  idsOf("complaints", report.complaints);
  const refer = (path: string, id: string | null, known: Set<string>, what: string): void => {
    if (id !== null && !known.has(id))
      problems.push({ path, message: `names ${what} "${id}" the report does not have` });
  };
  refer("/reporter/personId", report.reporter.personId, people, "a person");
  report.acts.forEach((act: Act, i) => {
    act.personIds.forEach((id, j) => refer(`/acts/${i}/personIds/${j}`, id, people, "a person"));
    act.perpetratorIds.forEach((id, j) => refer(`/acts/${i}/perpetratorIds/${j}`, id, perpetrators, "perpetrators"));
  });
  report.injuries.forEach((injury, i) => {
    refer(`/injuries/${i}/personId`, injury.personId, people, "a person");
    refer(`/injuries/${i}/actId`, injury.actId, acts, "an act");
  });
  report.medical.forEach((care, i) => refer(`/medical/${i}/personId`, care.personId, people, "a person"));
  report.complaints.forEach((complaint, i) =>
    complaint.personIds.forEach((id, j) => refer(`/complaints/${i}/personIds/${j}`, id, people, "a person")),
  );
  return problems;
}

/** Checks `value` against the v2 schema, then its ids; every problem with its path. */
export function checkReportV2(value: unknown): Checked {
  if (!validate(value)) return { ok: false, problems: schemaProblems(validate.errors ?? []) };
  const report = value as ReportV2;
  const problems = referenceProblems(report);
  return problems.length === 0 ? { ok: true, report } : { ok: false, problems };
}
