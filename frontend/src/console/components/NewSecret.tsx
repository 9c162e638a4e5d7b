/**
 * A new password or passphrase, typed twice: the two fields and what is wrong with them. The
 * invitation's password and the key's passphrase follow the same rules (screens/accountRules.ts).
 */
import { Field } from "./Field";

export interface NewSecretWords {
  label: string;
  hint: string;
  repeat: string;
  tooShort: string;
  mismatch: string;
}

/** Long enough and typed the same twice. */
export function secretAccepted(value: string, repeat: string, min: number): boolean {
  return value.length >= min && repeat === value;
}

interface Props {
  words: NewSecretWords;
  min: number;
  value: string;
  repeat: string;
  onValue: (value: string) => void;
  onRepeat: (value: string) => void;
  testid: string;
  repeatTestId: string;
}

export function NewSecretFields({ words, min, value, repeat, onValue, onRepeat, testid, repeatTestId }: Props) {
  const tooShort = value.length > 0 && value.length < min;
  const mismatch = repeat.length > 0 && repeat !== value;
  return (
    <>
      <Field
        label={words.label}
        hint={words.hint}
        type="password"
        autoComplete="new-password"
        value={value}
        onInput={onValue}
        invalid={tooShort}
        testid={testid}
      />
      <Field
        label={words.repeat}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onInput={onRepeat}
        invalid={mismatch}
        testid={repeatTestId}
      />
      {tooShort && <p class="problem">{words.tooShort}</p>}
      {mismatch && <p class="problem">{words.mismatch}</p>}
    </>
  );
}
