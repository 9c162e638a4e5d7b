/** The bar on every screen: the neutral app name or a way home, and the large quick exit. */
import { deployment } from "../../shared/deployment";
import { t } from "../i18n";
import { quickExit } from "../safety/quickExit";

export function TopBar({ onHome }: { onHome?: (() => void) | undefined }) {
  return (
    <header class="topbar">
      {onHome ? (
        <button type="button" class="topbar-home" onClick={onHome}>
          <span aria-hidden="true">←</span> {t("app.home")}
        </button>
      ) : (
        <span class="topbar-name">{deployment?.appName ?? "Kua"}</span>
      )}
      <button type="button" class="quick-exit" data-testid="quick-exit" onClick={quickExit}>
        {t("app.quickExit")}
        <span class="visually-hidden"> — {t("app.quickExitLabel")}</span>
      </button>
    </header>
  );
}
