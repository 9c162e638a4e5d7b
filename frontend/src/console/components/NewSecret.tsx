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
  /** What else is wrong with a value long enough (a password's rules), said in one sentence. */
  problem?: string | null;
}

export function NewSecretFields(props: Props) {
  const { words, min, value, repeat, onValue, onRepeat, testid, repeatTestId, problem } = props;
  const tooShort = value.length > 0 && value.length < min;
  const otherProblem = !tooShort && value.length > 0 ? (problem ?? null) : null;
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
        invalid={tooShort || otherProblem !== null}
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
      {otherProblem !== null && (
        <p class="problem" data-testid={`${testid}-problem`}>
          {otherProblem}
        </p>
      )}
      {mismatch && <p class="problem">{words.mismatch}</p>}
    </>
  );
}
