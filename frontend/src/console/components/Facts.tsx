/** A definition list of facts; an empty answer shows as "not given", never guessed. */
import type { ComponentChildren } from "preact";

import { t } from "../i18n";

export type Fact = [label: string, value: ComponentChildren, className?: string | undefined];

export function Facts({ facts, testid }: { facts: Fact[]; testid?: string }) {
  return (
    <dl class="facts" data-testid={testid}>
      {facts.map(([label, value, className]) => (
        <div key={label} class={className}>
          <dt>{label}</dt>
          <dd>
            {value === null || value === undefined || value === "" ? (
              <span class="muted">{t("report.notGiven")}</span>
            ) : (
              value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A block of the reporter's own words, line breaks kept (rendered as text, never as HTML). */
export function Words({ text }: { text: string | null }) {
  return text ? <p class="words">{text}</p> : null;
}
