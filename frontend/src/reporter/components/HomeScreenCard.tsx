/**
 * On an iPhone or iPad browser tab: how to add the app to the Home Screen, and why (src/reporter/install/homeScreen.ts).
 * Calm words for a worried relative; closing it hides it until the app is opened again, as the risk stays.
 */
import { useState } from "preact/hooks";

import { t } from "../i18n";
import { needsHomeScreen } from "../install/homeScreen";

// Module state: closed once, the card stays closed while this page lives (Home is drawn anew after each report).
let dismissed = false;

export function HomeScreenCard() {
  const [shown, setShown] = useState(() => !dismissed && needsHomeScreen());
  if (!shown) return null;
  return (
    <section class="card" aria-labelledby="home-screen-title" data-testid="home-screen-card">
      <h2 id="home-screen-title">{t("homeScreen.title")}</h2>
      <p>{t("homeScreen.why")}</p>
      <ol>
        <li>{t("homeScreen.stepShare")}</li>
        <li>{t("homeScreen.stepAdd")}</li>
        <li>{t("homeScreen.stepOpen")}</li>
      </ol>
      <button
        type="button"
        class="secondary"
        onClick={() => {
          dismissed = true;
          setShown(false);
        }}
        data-testid="home-screen-dismiss"
      >
        {t("homeScreen.dismiss")}
      </button>
    </section>
  );
}
