/** Which component renders which step. */
import type { FunctionComponent } from "preact";

import { AccountStep } from "../steps/AccountStep";
import { DetentionStep } from "../steps/DetentionStep";
import { InjuriesStep } from "../steps/InjuriesStep";
import { InterrogationStep } from "../steps/InterrogationStep";
import { MedicalStep } from "../steps/MedicalStep";
import { PerpetratorsStep } from "../steps/PerpetratorsStep";
import { RelativesStep } from "../steps/RelativesStep";
import { ReporterStep } from "../steps/ReporterStep";
import { SearchStep } from "../steps/SearchStep";
import { TortureStep } from "../steps/TortureStep";
import type { StepProps } from "../steps/types";
import { VictimsStep } from "../steps/VictimsStep";
import { WhatStep } from "../steps/WhatStep";
import { WhenWhereStep } from "../steps/WhenWhereStep";
import type { StepId } from "./plan";

/** Every step but the review, which the wizard renders itself (it needs the send state). */
export const STEP_COMPONENTS: Record<Exclude<StepId, "review">, FunctionComponent<StepProps>> = {
  what: WhatStep,
  when_where: WhenWhereStep,
  victims: VictimsStep,
  perpetrators: PerpetratorsStep,
  detention: DetentionStep,
  search: SearchStep,
  interrogation: InterrogationStep,
  torture: TortureStep,
  injuries: InjuriesStep,
  medical: MedicalStep,
  relatives: RelativesStep,
  reporter: ReporterStep,
  account: AccountStep,
};
