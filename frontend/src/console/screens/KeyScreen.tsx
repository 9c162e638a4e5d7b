/**
 * The reviewer's key: set up (generate, or import an existing identity file) when this browser has
 * none, otherwise its state on the server (none / pending / listed, with what to do next) and
 * the backup file; below it, the opt-in to push notifications (src/console/push).
 */
import { KeySetup } from "../components/KeySetup";
import { KeyState } from "../components/KeyState";
import type { StoredIdentity } from "../keys/store";
import { PushToggle } from "../push/PushToggle";

interface Props {
  stored: StoredIdentity | null;
  onStored: (record: StoredIdentity) => void;
  onDone: () => void;
}

export function KeyScreen({ stored, onStored, onDone }: Props) {
  if (stored === null) return <KeySetup onStored={onStored} />;
  return (
    <>
      <KeyState stored={stored} onDone={onDone} />
      <PushToggle />
    </>
  );
}
