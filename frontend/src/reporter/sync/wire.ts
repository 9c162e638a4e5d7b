/**
 * The intake API's JSON as the phone sends and reads it, named after the types generated from the
 * server's OpenAPI document (src/shared/api/schema.gen.ts, `make api-types`). Types only: nothing
 * here reaches the bundle. An answer is still read as untrusted (a captive portal answers too):
 * `Untrusted<T>` has T's field names, so a field the server renames fails the typecheck, and every
 * value `unknown` until checked.
 */
import type { components } from "../../shared/api/schema.gen";

type Schemas = components["schemas"];

/** `PUT /api/v1/reports/{id}`: the receipt. */
export type ReceiptPublic = Schemas["ReceiptPublic"];
/** `PUT /api/v1/reports/{id}/answers/{answer_id}`: the answer's receipt. */
export type AnswerReceiptPublic = Schemas["AnswerReceiptPublic"];
/** `POST /api/v1/reports/updates`: what the phone asks, and what it is told of one report. */
export type UpdatesRequest = Schemas["UpdatesRequest"];
export type UpdatesPublic = Schemas["UpdatesPublic"];
export type ReportUpdatePublic = Schemas["ReportUpdatePublic"];
export type QuestionPublic = Schemas["QuestionPublic"];

/** A server answer before it is checked: T's fields, each of unknown value and maybe missing. */
export type Untrusted<T> = { [K in keyof T]?: unknown };
