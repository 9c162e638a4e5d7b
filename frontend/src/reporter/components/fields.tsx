/**
 * Form fields with real labels. None of them autocompletes or spellchecks: a browser must not
 * keep names typed here for its suggestions, nor send text to a spelling service.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useId, useState } from "preact/hooks";

import { language } from "../i18n";
import { parseDecimal } from "../../shared/i18n/format";

const PRIVATE = { autoComplete: "off", spellcheck: false, autoCapitalize: "sentences" } as const;

const valueOf = (event: Event): string => (event.currentTarget as HTMLInputElement).value;

function Hint({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p class="hint" id={id}>
      {text}
    </p>
  ) : null;
}

interface TextFieldProps {
  label: string;
  hint?: string | undefined;
  value: string | null;
  onChange: (value: string | null) => void;
  multiline?: boolean | undefined;
  /** Suggestions offered while typing (a <datalist>). */
  suggestions?: string[] | undefined;
  testid?: string | undefined;
}

/** A text input (or textarea); an empty field is null. */
export function TextField({ label, hint, value, onChange, multiline, suggestions, testid }: TextFieldProps) {
  const id = useId();
  const onInput = (event: Event): void => {
    const text = valueOf(event);
    onChange(text === "" ? null : text);
  };
  const common = {
    id,
    value: value ?? "",
    onInput,
    "aria-describedby": hint ? `${id}-hint` : undefined,
    "data-testid": testid,
    ...PRIVATE,
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <Hint id={`${id}-hint`} text={hint} />
      {multiline ? (
        <textarea rows={5} {...common} />
      ) : (
        <input type="text" list={suggestions ? `${id}-list` : undefined} {...common} />
      )}
      {suggestions && (
        <datalist id={`${id}-list`}>
          {suggestions.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
      )}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  hint?: string | undefined;
  value: number | null;
  onChange: (value: number | null) => void;
  /** Allows a decimal part ("2,5"); otherwise whole numbers only. */
  decimal?: boolean | undefined;
  testid?: string | undefined;
}

/** A number typed on the phone's number keyboard; what is not a number is kept as typed but saved as null. */
export function NumberField({ label, hint, value, onChange, decimal, testid }: NumberFieldProps) {
  const id = useId();
  const shown = (n: number | null): string => (n === null ? "" : String(n).replace(".", language().decimal));
  const [text, setText] = useState(shown(value));
  useEffect(() => {
    if (parseDecimal(text) !== value) setText(shown(value));
    // Only an outside change of the value rewrites what was typed.
  }, [value]);
  const onInput = (event: Event): void => {
    const typed = valueOf(event);
    setText(typed);
    const parsed = parseDecimal(typed);
    onChange(parsed !== null && (decimal || Number.isInteger(parsed)) ? parsed : null);
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <Hint id={`${id}-hint`} text={hint} />
      <input
        id={id}
        class="number"
        type="text"
        inputMode={decimal ? "decimal" : "numeric"}
        value={text}
        onInput={onInput}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-testid={testid}
        {...PRIVATE}
      />
    </div>
  );
}

interface CheckFieldProps {
  label: string;
  hint?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testid?: string | undefined;
}

/** A large checkbox row: the whole row is the label. */
export function CheckField({ label, hint, checked, onChange, testid }: CheckFieldProps) {
  const id = useId();
  return (
    <div class="check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.currentTarget.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-testid={testid}
      />
      <label for={id}>
        {label}
        {hint && (
          <span class="hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}

export interface Option<V extends string> {
  value: V;
  label: string;
}

interface SelectFieldProps<V extends string> {
  label: string;
  hint?: string | undefined;
  value: V | null;
  options: Option<V>[];
  onChange: (value: V | null) => void;
  /** Label of the empty choice; without it there is none. */
  placeholder?: string | undefined;
  testid?: string | undefined;
}

export function SelectField<V extends string>({
  label,
  hint,
  value,
  options,
  onChange,
  placeholder,
  testid,
}: SelectFieldProps<V>) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <Hint id={`${id}-hint`} text={hint} />
      <select
        id={id}
        value={value ?? ""}
        onChange={(event) => onChange((event.currentTarget.value || null) as V | null)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-testid={testid}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface RadioGroupProps<V extends string> {
  legend: string;
  hint?: string | undefined;
  value: V | null;
  options: Option<V>[];
  onChange: (value: V) => void;
  /** Lays the options side by side (short answers such as yes / no / don't know). */
  inline?: boolean | undefined;
  testid?: ((value: V) => string) | undefined;
}

/** A fieldset of large radio rows. */
export function RadioGroup<V extends string>({
  legend,
  hint,
  value,
  options,
  onChange,
  inline,
  testid,
}: RadioGroupProps<V>) {
  const name = useId();
  return (
    <fieldset class={inline ? "choice inline" : "choice"} aria-describedby={hint ? `${name}-hint` : undefined}>
      <legend>{legend}</legend>
      <Hint id={`${name}-hint`} text={hint} />
      <div class="options">
        {options.map((option) => (
          <label key={option.value} class="option">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              data-testid={testid?.(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A group of fields under a heading-like legend. */
export function Group({
  legend,
  hint,
  children,
}: {
  legend: string;
  hint?: string | undefined;
  children: ComponentChildren;
}) {
  const id = useId();
  return (
    <fieldset class="group" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      <Hint id={`${id}-hint`} text={hint} />
      {children}
    </fieldset>
  );
}
