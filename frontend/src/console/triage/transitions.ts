/**
 * The triage state machine as the console offers it (docs/review.md, "Statuses"; the server's
 * `kua.review.triage` is the authority and answers `409 transition_refused` to anything else).
 */
import type { Priority, Status } from "../apiTypes";

export const STATUSES: readonly Status[] = [
  "new",
  "in_review",
  "verified",
  "escalated",
  "closed",
  "rejected",
  "duplicate",
];

/** Allowed next statuses of each status. */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  new: ["in_review", "rejected", "duplicate"],
  in_review: ["verified", "rejected", "duplicate", "escalated"],
  verified: ["escalated", "closed", "in_review"],
  escalated: ["closed", "in_review"],
  closed: ["in_review"],
  rejected: ["in_review"],
  duplicate: ["in_review"],
};

/** The statuses a report in `status` may move to. */
export function allowedTransitions(status: Status): readonly Status[] {
  return TRANSITIONS[status];
}

/** `duplicate` needs another report named as `duplicate_of`. */
export const needsDuplicateOf = (status: Status): boolean => status === "duplicate";

export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** At most 20 labels of at most 40 characters (docs/review.md): trimmed, de-duplicated. */
export function cleanLabels(text: string): string[] | null {
  const labels = [
    ...new Set(
      text
        .split(",")
        .map((label) => label.trim())
        .filter(Boolean),
    ),
  ];
  if (labels.length > 20 || labels.some((label) => label.length > 40)) return null;
  return labels;
}
