/** The generated files' names and text, from the schema on disk (scripts/report-schema.mjs). */
export declare function generate(): Promise<Record<string, string>>;
