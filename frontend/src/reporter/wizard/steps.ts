/** Which component renders which step; a step id with none is skipped by the wizard (wizard/plan.ts). */
import type { FunctionComponent } from "preact";

import { AccountStep } from "../steps/AccountStep";
import { ConsentStep } from "../steps/ConsentStep";
import { NowWhatStep } from "../steps/NowWhatStep";
import { NowWhoWhereStep } from "../steps/NowWhoWhereStep";
import { PeopleStep } from "../steps/PeopleStep";
import { ReporterStep } from "../steps/ReporterStep";
import type { StepPropsV2 } from "../steps/typesV2";
import { WhatStep } from "../steps/WhatStep";
import { WhenWhereStep } from "../steps/WhenWhereStep";
import type { StepId } from "./plan";

/** Every step but the review, which the wizard renders itself (it needs the send state). */
export const STEP_COMPONENTS: Partial<Record<Exclude<StepId, "review">, FunctionComponent<StepPropsV2>>> = {
  now_who_where: NowWhoWhereStep,
  now_what: NowWhatStep,
  what: WhatStep,
  consent: ConsentStep,
  when_where: WhenWhereStep,
  people: PeopleStep,
  // wired at merge: perpetrators, detention, search, interrogation, ill_treatment, injuries, medical,
  // relatives, complaints (the i17-acts branch's steps; until then the wizard skips these ids).
  reporter: ReporterStep,
  account: AccountStep,
};

/** Whether the app has a screen for `step` (the review always). */
export const hasScreen = (step: StepId): boolean => step === "review" || STEP_COMPONENTS[step] !== undefined;
