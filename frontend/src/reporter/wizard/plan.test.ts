/** The wizard's plan: Next walks only what matters for the ticked kinds; "happening now" is three screens. */
import { describe, expect, it } from "vitest";

import { nextStep, planSteps, previousStep, type StepId } from "./plan";

const walk = (plan: ReturnType<typeof planSteps>, from: StepId): StepId[] => {
  const seen: StepId[] = [from];
  while (seen.at(-1) !== "review") seen.push(nextStep(plan, seen.at(-1)!));
  return seen;
};

describe("the wizard's plan", () => {
  it("walks a search report through the search and not through detention, torture or medical care", () => {
    const plan = planSteps({ kinds: ["search"], happeningNow: false });
    expect(walk(plan, "what")).toEqual([
      "what",
      "consent",
      "when_where",
      "people",
      "perpetrators",
      "search",
      "documents",
      "reporter",
      "account",
      "review",
    ]);
    expect(plan.secondary).toEqual(
      expect.arrayContaining(["detention", "interrogation", "ill_treatment", "injuries", "medical", "complaints"]),
    );
    expect(plan.secondary).not.toContain("now_who_where");
  });

  it("asks the torture sections when torture is ticked", () => {
    const plan = planSteps({ kinds: ["torture"], happeningNow: false });
    expect(plan.sequence).toEqual(expect.arrayContaining(["ill_treatment", "injuries", "medical", "complaints"]));
    expect(plan.sequence).not.toContain("search");
  });

  it("makes a happening-now report three screens, the rest under more questions", () => {
    const plan = planSteps({ kinds: [], happeningNow: true });
    expect(plan.sequence).toEqual(["now_who_where", "now_what", "review"]);
    expect(plan.secondary).toContain("consent");
    // From a "more questions" step opened from the list, Next goes to the send screen
    expect(nextStep(plan, "people")).toBe("review");
    expect(previousStep(plan, "now_who_where")).toBeNull();
  });

  it("skips the steps the app has no screen for", () => {
    const plan = planSteps({ kinds: ["detention"], happeningNow: false }, (step) => step !== "detention");
    expect(plan.sequence).not.toContain("detention");
    expect(plan.secondary).not.toContain("detention");
    expect(nextStep(plan, "people")).toBe("perpetrators");
  });

  it("offers documents in every full report, after complaints, and not on the happening-now path", () => {
    for (const kinds of [[], ["search"], ["harm_to_relatives"], ["detention", "torture"]] as const) {
      const plan = planSteps({ kinds: [...kinds], happeningNow: false });
      expect(plan.sequence).toContain("documents");
    }
    const detention = planSteps({ kinds: ["detention"], happeningNow: false });
    expect(nextStep(detention, "complaints")).toBe("documents");
    expect(previousStep(detention, "documents")).toBe("complaints");
    expect(planSteps({ kinds: [], happeningNow: true }).sequence).not.toContain("documents");
  });
});
