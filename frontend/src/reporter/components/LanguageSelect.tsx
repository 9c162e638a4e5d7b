/** The language list, each language in its own name (found from the catalogs in src/shared/i18n/locales). */
import { useId } from "preact/hooks";

import { availableLanguages, language, t } from "../i18n";

export function LanguageSelect({ onChange }: { onChange: (tag: string) => void }) {
  const id = useId();
  const languages = availableLanguages();
  return (
    <div class="field language">
      <label for={id}>{t("app.language")}</label>
      <select
        id={id}
        value={language().tag}
        onChange={(event) => onChange(event.currentTarget.value)}
        data-testid="language-select"
      >
        {languages.map(({ tag, name }) => (
          <option key={tag} value={tag} lang={tag}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
