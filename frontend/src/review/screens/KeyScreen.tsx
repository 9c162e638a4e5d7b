/**
 * The reviewer's key: set up (generate, or import an existing identity file) when this browser has
 * none, otherwise its state on the server (none / pending / listed, with what to do next) and
 * the backup file.
 */
import { KeySetup } from "../components/KeySetup";
import { KeyState } from "../components/KeyState";
import type { StoredIdentity } from "../keys/store";

interface Props {
  stored: StoredIdentity | null;
  onStored: (record: StoredIdentity) => void;
  onDone: () => void;
}

export function KeyScreen({ stored, onStored, onDone }: Props) {
  return stored === null ? <KeySetup onStored={onStored} /> : <KeyState stored={stored} onDone={onDone} />;
}
