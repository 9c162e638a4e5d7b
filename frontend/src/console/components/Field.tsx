/**
 * Labelled inputs of the console. Nothing typed here goes to a spelling service; only the account
 * fields let a password manager help (autocomplete names for the sign-in and new-password forms).
 */
import { useId } from "preact/hooks";

interface FieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  testid: string;
  type?: "text" | "password" | "search";
  hint?: string | undefined;
  autoComplete?: string;
  inputMode?: "text" | "numeric";
  multiline?: boolean;
  invalid?: boolean;
}

export function Field({
  label,
  value,
  onInput,
  testid,
  type = "text",
  hint,
  autoComplete = "off",
  inputMode,
  multiline,
  invalid,
}: FieldProps) {
  const id = useId();
  const common = {
    id,
    value,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
    "data-testid": testid,
    "aria-describedby": hint ? `${id}-hint` : undefined,
    "aria-invalid": invalid || undefined,
    autoComplete,
    spellcheck: false,
    autoCapitalize: "off" as const,
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea rows={4} {...common} />
      ) : (
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (Preact types <input> by `type`)
        <input type={type as "text"} inputMode={inputMode} {...common} />
      )}
    </div>
  );
}

interface SelectProps<V extends string> {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  testid: string;
  disabled?: boolean;
}

export function Select<V extends string>({ label, value, options, onChange, testid, disabled }: SelectProps<V>) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        data-testid={testid}
        onChange={(event) => onChange(event.currentTarget.value as V)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
