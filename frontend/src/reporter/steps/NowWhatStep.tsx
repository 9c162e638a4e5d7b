/** The short path's second screen ("happening now"): what is happening (the kinds) and a few words, typed or spoken. */
import { t } from "../i18n";
import { TextField } from "../components/fields";
import { AccountVoice } from "./AccountVoice";
import type { StepPropsV2 } from "./typesV2";
import { KindChecks } from "./WhatStep";

export function NowWhatStep({ draft, update }: StepPropsV2) {
  return (
    <>
      <KindChecks draft={draft} update={update} />
      <TextField
        label={t("core.now.words")}
        hint={t("core.now.wordsHint")}
        value={draft.account}
        onChange={(account) => update((d) => ({ ...d, account }))}
        multiline
        testid="account-text"
      />
      <AccountVoice draft={draft} update={update} />
    </>
  );
}
