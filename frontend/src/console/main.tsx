/**
 * Entry point of the reviewer console (review.html, served at /review): a page of its own that
 * phones never load and the service worker never caches. It opens the `kua-review` database,
 * picks the saved language, and renders the console.
 */
import "./review.css";

import { render } from "preact";

import { deployment } from "../shared/deployment";
import { ReviewApi } from "./api";
import { App } from "./App";
import { CaseBook } from "./cases/book";
import { DEFAULT_LANGUAGE, setLanguage, t } from "./i18n";
import { KeyRing } from "./keys/keyring";
import { verifiedRecipientList } from "./keys/recipientList";
import { getReviewSetting, openReviewDb } from "./keys/store";
import { QueueStore } from "./queue/store";
import { keepReporterWorkerOut } from "./push/ownWorker";

const root = document.getElementById("console")!;
void keepReporterWorkerOut();

async function start(): Promise<void> {
  let onSignedOut = (): void => undefined;
  try {
    const db = await openReviewDb();
    document.documentElement.lang = setLanguage(
      (await getReviewSetting(db, "language").catch(() => undefined)) ?? DEFAULT_LANGUAGE,
    ).tag;
    const api = new ReviewApi({ onSignedOut: () => onSignedOut() });
    const keyring = new KeyRing();
    const services = {
      api,
      keyring,
      db,
      queue: new QueueStore(api, keyring),
      cases: new CaseBook(api, keyring),
      recipientList: () =>
        verifiedRecipientList({
          db,
          trust: deployment,
          fetch: (input, init) => fetch(input, init),
          now: () => new Date(),
        }),
    };
    render(<App services={services} setSignedOutHandler={(handler) => (onSignedOut = handler)} />, root);
  } catch {
    root.replaceChildren(
      Object.assign(document.createElement("p"), { className: "shell", textContent: t("console.startFailed") }),
    );
    document.documentElement.dataset.ready = "1";
  }
}

void start();
