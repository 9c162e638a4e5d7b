/** The account in the reporter's own words, and photos not tied to one injury. */
import { t } from "../i18n";
import { TextField } from "../components/fields";
import { PhotoPicker } from "../components/PhotoPicker";
import { AccountVoice } from "./AccountVoice";
import type { StepPropsV2 } from "./typesV2";

export function AccountStep({ draft, update }: StepPropsV2) {
  return (
    <>
      <TextField
        label={t("account.label")}
        hint={t("account.hint")}
        value={draft.account}
        onChange={(account) => update((d) => ({ ...d, account }))}
        multiline
        testid="account-text"
      />
      <AccountVoice draft={draft} update={update} />
      <PhotoPicker
        draftId={draft.draftId}
        title={t("photos.otherTitle")}
        hint={t("photos.otherHint")}
        photos={draft.otherPhotos}
        onAdd={(photo) => update((d) => ({ ...d, otherPhotos: [...d.otherPhotos, photo] }))}
        onRemove={(id) => update((d) => ({ ...d, otherPhotos: d.otherPhotos.filter((p) => p.attachmentId !== id) }))}
      />
    </>
  );
}
