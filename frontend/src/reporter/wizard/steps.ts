/** Which component renders which step; a step id with none is skipped by the wizard (wizard/plan.ts). */
import type { FunctionComponent } from "preact";

import { AccountStep } from "../steps/AccountStep";
import { ComplaintsStep } from "../steps/ComplaintsStep";
import { ConsentStep } from "../steps/ConsentStep";
import { DetentionStep } from "../steps/DetentionStep";
import { DocumentsStep } from "../steps/DocumentsStep";
import { IllTreatmentStep } from "../steps/IllTreatmentStep";
import { InjuriesStep } from "../steps/InjuriesStep";
import { InterrogationStep } from "../steps/InterrogationStep";
import { MedicalStep } from "../steps/MedicalStep";
import { NowWhatStep } from "../steps/NowWhatStep";
import { NowWhoWhereStep } from "../steps/NowWhoWhereStep";
import { PeopleStep } from "../steps/PeopleStep";
import { PerpetratorsStep } from "../steps/PerpetratorsStep";
import { RelativesStep } from "../steps/RelativesStep";
import { ReporterStep } from "../steps/ReporterStep";
import { SearchStep } from "../steps/SearchStep";
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
  perpetrators: PerpetratorsStep,
  detention: DetentionStep,
  search: SearchStep,
  interrogation: InterrogationStep,
  ill_treatment: IllTreatmentStep,
  injuries: InjuriesStep,
  medical: MedicalStep,
  relatives: RelativesStep,
  complaints: ComplaintsStep,
  documents: DocumentsStep,
  reporter: ReporterStep,
  account: AccountStep,
};

/** Whether the app has a screen for `step` (the review always). */
export const hasScreen = (step: StepId): boolean => step === "review" || STEP_COMPONENTS[step] !== undefined;
