/** The account spoken instead of typed (docs/media.md, "Voice recordings"): on the full and the short path. */
import { VoiceRecorder } from "../components/VoiceRecorder";
import type { StepPropsV2 } from "./typesV2";

export function AccountVoice({ draft, update }: Pick<StepPropsV2, "draft" | "update">) {
  return (
    <VoiceRecorder
      draftId={draft.draftId}
      field="account"
      recordings={draft.voice.filter((ref) => ref.field === "account")}
      onAdd={(ref) => update((d) => ({ ...d, voice: [...d.voice, ref] }))}
      onRemove={(id) => update((d) => ({ ...d, voice: d.voice.filter((ref) => ref.attachmentId !== id) }))}
    />
  );
}
