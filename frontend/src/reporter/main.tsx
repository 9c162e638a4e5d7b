/**
 * Entry point of the reporter app: opens the engine (storage, crypto, sync), loads the chosen
 * language, and renders the screens. The title stays the deployment's neutral name throughout.
 */
import "./style.css";

import { render } from "preact";

import { App } from "./App";
import { onQuickExit } from "./safety/quickExit";
import { deployment } from "../shared/deployment";
import { DEFAULT_LANGUAGE, loadLanguage, t } from "./i18n";
import { openEngine } from "./engine/open";

document.title = deployment?.appName ?? "Kua";
const root = document.getElementById("app")!;
onQuickExit(() => render(null, root));

async function start(): Promise<void> {
  try {
    const engine = await openEngine();
    const meta = await loadLanguage((await engine.getLanguage?.().catch(() => null)) ?? DEFAULT_LANGUAGE);
    document.documentElement.lang = meta.tag;
    render(<App engine={engine} />, root);
  } catch {
    root.replaceChildren(
      Object.assign(document.createElement("p"), { className: "shell", textContent: t("app.startFailed") }),
    );
    document.documentElement.dataset.ready = "1";
  }
}

void start();
