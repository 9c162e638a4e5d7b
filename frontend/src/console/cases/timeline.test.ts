/** A case's timeline merges the dated moments of its reports, oldest first, unknown times last. */
import { describe, expect, it } from "vitest";

import { sampleReport } from "../testing/reports";
import { mergedTimeline } from "./timeline";

describe("a case's timeline", () => {
  it("merges the reports' moments by when they happened", () => {
    const mother = sampleReport({
      when: { precision: "exact", value: "2020-04-28T06:00" },
      detention: {
        ...sampleReport().detention!,
        when: { precision: "exact", value: "2020-04-28T06:00" },
        releasedAt: { precision: "approximate", value: "2020-04-28T22:00" },
      },
    });
    const neighbour = sampleReport({
      when: { precision: "approximate", value: "2020-04-28T12:00" },
      detention: null,
      search: {
        start: { precision: "exact", value: "2020-04-28T12:00" },
        end: null,
        warrantShown: "no",
        itemsSeized: null,
        inventoryGiven: "unknown",
        present: null,
      },
    });
    const vague = sampleReport({ when: { precision: "unknown", value: null }, detention: null });
    const events = mergedTimeline([
      { reportId: "vague", report: vague },
      { reportId: "neighbour", report: neighbour },
      { reportId: "mother", report: mother },
    ]);
    expect(events.map((e) => `${e.at ?? "?"} ${e.reportId} ${e.what}`)).toEqual([
      "2020-04-28T06:00 mother timeline.incident",
      "2020-04-28T06:00 mother timeline.detention",
      "2020-04-28T12:00 neighbour timeline.incident",
      "2020-04-28T12:00 neighbour timeline.searchStart",
      "2020-04-28T22:00 mother timeline.release",
      "? vague timeline.incident",
    ]);
  });
});
