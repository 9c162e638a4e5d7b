/**
 * The reporter app: which screen shows, kept in memory only (no route, id or content in the URL,
 * nothing in localStorage). One history entry lets the phone's Back button return home instead of
 * leaving the app.
 */
import { useEffect, useState } from "preact/hooks";

import type { Engine, LockState, OutboxItemView } from "./engine/engine";
import { language, loadLanguage, t } from "./i18n";
import type { ReportDraftV2 } from "../shared/report/draftV2";
import { Lazy } from "./components/Lazy";
import { TopBar } from "./components/TopBar";
import { localNow } from "./components/WhenField";
import { EngineContext } from "./engine/context";
import { forgetAllThumbnails } from "./photos/thumbnails";
import { Home, type HomeNotice } from "./screens/Home";
import { Lock } from "./screens/Lock";
import { Settings } from "./screens/Settings";
import { HISTORY_MARK, awayFromFirstEntry } from "./safety/quickExit";
import { Wizard } from "./wizard/Wizard";

type Screen =
  | { name: "home" }
  /** `then`: where to go once a PIN is saved (the question that asked for one). */
  | { name: "settings"; then?: "myReports" }
  | { name: "myReports"; pinSaved?: boolean }
  | { name: "wizard"; draft: ReportDraftV2; isNew: boolean };

/** "My reports" is a chunk of its own: most visits never open it. */
const loadMyReports = () => import("./screens/MyReports").then((module) => module.MyReports);

const awayFromHome = awayFromFirstEntry;

/** `onWipe`: "Delete everything" was confirmed; the caller replaces this whole tree at once. */
export function App({ engine, onWipe }: { engine: Engine; onWipe: () => void }) {
  const [screen, setScreen] = useState<Screen>({ name: "home" });
  const [lock, setLock] = useState<LockState>(engine.lockState());
  const [notice, setNotice] = useState<HomeNotice | null>(null);
  const [outbox, setOutbox] = useState<OutboxItemView[]>([]);
  const [, setLanguageTag] = useState(language().tag);

  const [updateReady, setUpdateReady] = useState(false);

  useEffect(() => engine.watchOutbox(setOutbox), [engine]);
  useEffect(() => engine.watchUpdate(setUpdateReady), [engine]);
  useEffect(
    () =>
      engine.watchLock((state) => {
        setLock(state);
        // Locked (auto-lock): whatever was open closes; after the PIN the app starts at home.
        if (state === "locked") goHome();
      }),
    [engine],
  );
  useEffect(() => {
    // A reload (or a return after a quick exit) starts at home, not at a stale history entry.
    if (awayFromHome()) history.replaceState(null, "");
    const onPopState = (): void => setScreen({ name: "home" });
    window.addEventListener("popstate", onPopState);
    document.documentElement.dataset.ready = "1";
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

  const show = (next: Screen): void => {
    if (next.name === "home") {
      if (awayFromHome())
        history.back(); // popstate brings the home screen
      else setScreen(next);
      return;
    }
    if (!awayFromHome()) history.pushState(HISTORY_MARK, "");
    setNotice(null);
    setScreen(next);
  };
  const goHome = (withNotice: HomeNotice | null = null): void => {
    setNotice(withNotice);
    show({ name: "home" });
  };

  const changeLanguage = async (tag: string): Promise<void> => {
    const meta = await loadLanguage(tag);
    document.documentElement.lang = meta.tag;
    setLanguageTag(meta.tag);
    await engine.setLanguage?.(meta.tag);
  };
  const onLanguage = (tag: string): void => void changeLanguage(tag);
  const refreshLock = (): void => setLock(engine.lockState());
  const newReport = (happeningNow: boolean): void => {
    const draft = engine.newDraft(language().tag);
    show({ name: "wizard", draft: happeningNow ? startUrgent(draft) : draft, isNew: true });
  };

  let content;
  if (screen.name === "settings") {
    content = (
      <Settings
        lock={lock}
        // Locked, settings show no count of unsent reports either.
        outbox={lock === "locked" ? [] : outbox}
        onLanguage={onLanguage}
        onLockChanged={refreshLock}
        onPinSaved={screen.then === "myReports" ? () => setScreen({ name: "myReports", pinSaved: true }) : undefined}
        onWipe={() => {
          forgetAllThumbnails();
          onWipe();
        }}
      />
    );
  } else if (screen.name === "wizard") {
    // Also while locked: a report started on the lock screen is sealed to the owner key as it is typed.
    content = (
      <Wizard
        key={screen.draft.draftId}
        initial={screen.draft}
        isNew={screen.isNew}
        onSent={() => goHome("submitted")}
      />
    );
  } else if (lock === "locked") {
    content = (
      <Lock
        notice={notice}
        onNewReport={newReport}
        onUnlocked={refreshLock}
        onSettings={() => show({ name: "settings" })}
        onLanguage={onLanguage}
      />
    );
  } else if (screen.name === "myReports") {
    content = (
      <Lazy
        load={loadMyReports}
        props={{
          pinSaved: screen.pinSaved ?? false,
          onPinSettings: () => setScreen({ name: "settings", then: "myReports" }),
          onAddDetails: (draft: ReportDraftV2) => show({ name: "wizard", draft, isNew: true }),
        }}
      />
    );
  } else {
    content = (
      <Home
        outbox={outbox}
        notice={notice}
        onNewReport={newReport}
        onOpenDraft={(draft) => show({ name: "wizard", draft, isNew: false })}
        onSettings={() => show({ name: "settings" })}
        onMyReports={() => show({ name: "myReports" })}
        onLanguage={onLanguage}
      />
    );
  }

  return (
    <EngineContext.Provider value={engine}>
      <TopBar onHome={screen.name === "home" ? undefined : () => goHome()} />
      <main id="main" class="shell">
        {updateReady && screen.name === "home" && <UpdateBanner onUpdate={() => engine.applyUpdate()} />}
        {engine.keepsNothing && screen.name === "home" && <NothingKeptBanner />}
        {content}
      </main>
    </EngineContext.Provider>
  );
}

/** Shown at home when a new version of the app waits: updating reloads the page (drafts are saved). */
function UpdateBanner({ onUpdate }: { onUpdate: () => void }) {
  return (
    <div class="notice" role="status" data-testid="update-ready">
      <p>{t("app.updateReady")}</p>
      <button type="button" class="secondary" data-testid="update-apply" onClick={onUpdate}>
        {t("app.updateApply")}
      </button>
    </div>
  );
}

/** Shown at home when the browser keeps nothing (src/reporter/store/openDb.ts): what that means, what to do. */
function NothingKeptBanner() {
  return (
    <div class="notice" role="status" data-testid="nothing-kept">
      <p>
        <strong>{t("nothingKept.title")}</strong>
      </p>
      <p>{t("nothingKept.body")}</p>
      <p class="hint">{t("nothingKept.toKeep")}</p>
    </div>
  );
}

/** A "happening now" report starts marked urgent, timed now (exact). */
function startUrgent(draft: ReportDraftV2): ReportDraftV2 {
  return { ...draft, happeningNow: true, when: { precision: "exact", value: localNow() } };
}
