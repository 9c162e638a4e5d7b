/** The console's bar: who is signed in, the views, the language, Lock and Sign out. */
import type { Reviewer } from "../apiTypes";
import { consoleLanguages, language, t } from "../i18n";

export type View = "queue" | "cases" | "key" | "audit";

interface Props {
  reviewer: Reviewer;
  current: View | null;
  unlocked: boolean;
  onView: (view: View) => void;
  onLanguage: (tag: string) => void;
  onLock: () => void;
  onSignOut: () => void;
}

export function Nav({ reviewer, current, unlocked, onView, onLanguage, onLock, onSignOut }: Props) {
  const views: View[] = reviewer.role === "admin" ? ["queue", "cases", "key", "audit"] : ["queue", "cases", "key"];
  return (
    <header class="bar">
      <span class="bar-name">Kua</span>
      <nav aria-label={t("nav.label")}>
        {views.map((view) => (
          <button
            key={view}
            type="button"
            class={view === current ? "tab current" : "tab"}
            aria-current={view === current ? "page" : undefined}
            data-testid={`nav-${view}`}
            onClick={() => onView(view)}
          >
            {t(`nav.${view}`)}
          </button>
        ))}
      </nav>
      <span class="bar-who" data-testid="signed-in-as">
        {reviewer.name} · {t(`roles.${reviewer.role}`)}
      </span>
      <LanguageSelect onLanguage={onLanguage} />
      {unlocked && (
        <button type="button" class="secondary" data-testid="lock" onClick={onLock}>
          {t("nav.lock")}
        </button>
      )}
      <button type="button" class="link" data-testid="signout" onClick={onSignOut}>
        {t("nav.signOut")}
      </button>
    </header>
  );
}

export function LanguageSelect({ onLanguage }: { onLanguage: (tag: string) => void }) {
  return (
    <select
      class="language"
      aria-label={t("nav.language")}
      value={language().tag}
      data-testid="language-select"
      onChange={(event) => onLanguage(event.currentTarget.value)}
    >
      {consoleLanguages().map(({ tag, name }) => (
        <option key={tag} value={tag} lang={tag}>
          {name}
        </option>
      ))}
    </select>
  );
}
