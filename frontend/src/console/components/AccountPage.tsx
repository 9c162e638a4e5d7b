/** The page around the invitation and the sign-in: narrow, its language choice on top, a title. */
import type { ComponentChildren } from "preact";

import { LanguageSelect } from "./Nav";

export function AccountPage({
  title,
  onLanguage,
  children,
}: {
  title: string;
  onLanguage: (tag: string) => void;
  children: ComponentChildren;
}) {
  return (
    <main class="shell narrow">
      <div class="top-language">
        <LanguageSelect onLanguage={onLanguage} />
      </div>
      <h1>{title}</h1>
      {children}
    </main>
  );
}
