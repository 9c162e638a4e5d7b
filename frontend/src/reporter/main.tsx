/**
 * Entry point of the reporter app: opens the engine (storage, crypto, sync), loads the chosen
 * language, and renders the screens. The title stays the deployment's neutral name throughout.
 */
import "./style.css";

import { render } from "preact";

import { App } from "./App";
import { Wiped } from "./screens/Wiped";
import { installQuickExitKey, onQuickExit } from "./safety/quickExit";
import { deployment } from "../shared/deployment";
import { DEFAULT_LANGUAGE, loadLanguage, t } from "./i18n";
import { openEngine } from "./engine/open";

document.title = deployment?.appName ?? "Kua";
// A page a service worker controls is not the first visit: the webfonts are precached (or on their way).
if ("serviceWorker" in navigator && navigator.serviceWorker.controller) document.documentElement.dataset.webfonts = "1";
const root = document.getElementById("app")!;
let closeEngine: () => void = () => undefined;
// The screen goes first (nothing of a report stays drawn), then the engine stops and locks.
onQuickExit(() => {
  render(null, root);
  root.replaceChildren();
  closeEngine();
});
installQuickExitKey();

async function start(): Promise<void> {
  try {
    const engine = await openEngine();
    closeEngine = () => engine.close();
    const meta = await loadLanguage((await engine.getLanguage?.().catch(() => null)) ?? DEFAULT_LANGUAGE);
    document.documentElement.lang = meta.tag;
    // "Delete everything": the app and all it holds in memory go at once; the wipe runs behind a first-run screen.
    const onWipe = (): void => {
      render(null, root);
      render(<Wiped wipe={() => engine.wipeEverything()} />, root);
    };
    render(<App engine={engine} onWipe={onWipe} />, root);
  } catch (error) {
    // Most often IndexedDB cannot be opened (a private tab, a full disk): its name says which.
    console.error("The app could not open the phone's storage:", error);
    root.replaceChildren(
      Object.assign(document.createElement("p"), { className: "shell", textContent: t("app.startFailed") }),
    );
    document.documentElement.dataset.ready = "1";
  }
}

void start();
