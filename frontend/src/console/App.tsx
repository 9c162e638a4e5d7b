/**
 * The reviewer console: invitation, sign-in, the reviewer's key (setup, unlock, lock), the queue,
 * a report, cases and (for admins) the audit log. Which screen shows lives in memory only; the
 * invitation token is read from the URL fragment once and removed from it at once.
 *
 * data-testid of every control a browser test uses (html[data-ready="1"] once the console drew):
 *   invitation   invite-name, invite-role, invite-recovers (a recovery link), invite-refused, invite-totp-show,
 *                invite-totp-secret, invite-totp-uri, invite-totp-qr (an SVG of the otpauth address),
 *                invite-password, invite-password-repeat, invite-totp-code, invite-accept
 *   signin       signin-name, signin-password, signin-totp (a TOTP or a recovery code), signin-submit,
 *                signin-notice, problem
 *   recovery     recovery-codes (after an accepted invitation or a new set), recovery-code (one per code),
 *                recovery-download, recovery-print, recovery-saved; after signing in with a recovery code:
 *                recovery-left (data-left), recovery-renew, recovery-dismiss
 *   bar          nav-queue, nav-cases, nav-key, nav-audit (admins), signed-in-as, language-select,
 *                lock (while unlocked), signout
 *   key setup    key-passphrase, key-passphrase-repeat, key-generate, key-import-file,
 *                key-import-passphrase, key-import
 *   key state    key-state (data-state none|pending|listed), key-recipient, key-backup (a download
 *                link: the scrypt-sealed identity file), key-publish, key-refresh, key-mismatch, key-done
 *   push         push-toggle (key screen), push-state (data-state off|on|unsupported|denied|failed)
 *   unlock       unlock-passphrase, unlock-submit, unlock-wrong, unlock-replace
 *   queue        queue-search, queue-sort, queue-filter-kind, queue-filter-village, queue-filter-status,
 *                queue-filter-assignee, queue-filter-label, queue-filter-case, queue-count, queue-row
 *                (data-report-id, data-state opening|open|unreadable, data-happening-now="1",
 *                data-new-answer="1" when the family answered since this browser last showed it),
 *                queue-more, queue-refresh
 *   report       report-back, report-detail (data-report-id), report-unreadable, report-happening-now,
 *                paperwork-summary (data-count), paperwork-violation
 *                (data-field "detention.capacity"...), body-front, body-back, injury-mark (data-injury),
 *                injury-item (data-injury-id), photo (data-attachment-id, data-showing "preview" |
 *                "original", data-hash-ok "1" | "0" and data-provenance "valid" | "invalid" | "unsigned"
 *                once the original is opened), photo-download, consent
 *   evidence     photo-preview-note, photo-provenance (data-provenance), photo-source (data-source),
 *                photo-exif-taken, photo-exif-camera, photo-exif-gps (data-gps "1" | "0"),
 *                photo-exif-none, photo-decrypted-hash, device-card, device-fingerprint,
 *                device-others, device-other (data-report-id)
 *   documents    documents-section, doc-group (data-type), doc-view (data-document-id), doc-view-caption,
 *                doc-view-page (data-page, data-attachment-id, data-sha256 once opened), doc-view-pdf (data-attachment-id), doc-hash
 *                (data-hash-ok), doc-provenance (data-verdict valid|invalid|unsigned), doc-pdf-open,
 *                doc-pdf-download, doc-pdf-page (a canvas: data-page, data-drawn="1" once drawn)
 *   by person    report-summary, names-warning (data-answer), victim-consent-warning, person-card
 *                (data-person-id, data-elderly "1" | "0"), person-act (data-act-id, data-act-type),
 *                act-methods, person-act-ref (data-act-id), person-medical (data-medical-id),
 *                person-complaint (data-complaint-id), untied-items, perpetrator-groups, perpetrator-group
 *                (data-group-id), complaints-overview, photos-no-consent, report-additions, adds-to
 *                (data-report-id), additions-list, report-link (data-report-id); every v2 answer
 *                carries data-answer unanswered|dont_know|yes|no|given
 *   triage       triage-status (data-status), status-<status> (one per allowed transition),
 *                duplicate-of, triage-priority, triage-assignee, triage-labels, triage-labels-save,
 *                triage-problem
 *   notes        note-text, note-add, note-item (data-note-id), note-list-warning
 *   grants       grant-panel (report screen; data-state loading|none|ready|busy|done|failed), grant-recipient
 *                (data-key-id), grant-share, grant-problem, grant-all (queue), grant-all-progress (data-done,
 *                data-total, data-granted, data-failed)
 *   questions    followups (data-can-ask "1" | "0"), followup-text, followup-ask, followup-item (data-kind
 *                question|answer, data-followup-id), followup-no-reply-key, followup-problem,
 *                answer-media, answer-photo (data-attachment-id, data-state waiting|not_received|failed|open,
 *                data-hash-ok, data-sha256, data-provenance valid|invalid|unsigned once open),
 *                answer-photo-download, answer-documents and answer-voice (data-state
 *                waiting|not_received|failed|open)
 *   cases        case-title, case-create, case-select, case-link, case-unlink, case-current, case-row
 *                (data-case-id), case-view (data-case-id), case-report (data-report-id), timeline-row
 *   people       case-people (case view; data-ready="1" once its map opened), people-proposal,
 *                people-proposal-reason, people-confirm, people-reject, people-problem, case-person
 *                (data-reports: how many reports name them), case-person-open, case-person-view
 *                (data-ready="1"), case-person-back, person-report (data-report-id), person-identity,
 *                person-acts, person-act (data-act-type), person-injuries, person-injury, person-medical,
 *                person-care, person-complaints, person-complaint
 *   audit        audit-row (data-seq, data-action), audit-more
 *   dossier      dossier-open (case view), dossier (data-case-id, data-ready="1" once its reports opened),
 *                dossier-language (ru|en), dossier-print, dossier-back, dossier-summary, dossier-timeline,
 *                dossier-persons, dossier-person, dossier-detentions, dossier-searches, dossier-interrogations,
 *                dossier-torture, dossier-act (data-act-id; one per act, in those parts and in dossier-harms),
 *                dossier-injuries, dossier-injury (data-injury-id), dossier-photos, dossier-photo (data-sha256),
 *                dossier-harms, dossier-medical, dossier-complaints, dossier-complaint, dossier-documents,
 *                dossier-document, dossier-voice, dossier-voice-recording, dossier-answers, dossier-answer,
 *                dossier-accounts, dossier-sources, dossier-source (data-report-id),
 *                appeal-prosecutor, appeal-un (the drafts' textareas), appeal-un-procedure (urgent_appeal | allegation_letter), appeal-left-out, appeal-names-withheld, dossier-photo-no-consent, appeal-restore
 *   saved drafts appeal-save, appeal-saved (data-version: the saved version shown, 0 for none), appeal-unsaved,
 *                appeal-save-problem, appeal-saved-problem, appeal-saved-unreadable
 *                appeal-docx (per draft: its .docx download, data-state idle|building|failed), appeal-pdf (prints it alone)
 *   list expiry  list-expiry (admins, above every screen; data-days: days until the verified list expires, under 14)
 *   export       export-case (case view), export-archive (cases), export-others (checkbox), export-progress
 *                (data-phase), export-download (a download link: the sealed bundle), export-problem
 *   voice        voice-recordings, voice-recording (data-attachment-id, data-hash-ok, data-provenance),
 *                voice-audio, voice-speed-<rate>, voice-state, voice-hash, voice-provenance, voice-transcript
 *                (data-kind), voice-transcript-kind, voice-transcript-language, voice-transcript-text,
 *                voice-transcript-add
 */
import { useEffect, useMemo, useState } from "preact/hooks";

import type { Reviewer, SignedIn } from "./apiTypes";
import { ListExpiryBanner } from "./components/ListExpiry";
import { Nav, type View } from "./components/Nav";
import { ConsoleContext, type ConsoleServices } from "./context";
import { DossierScreen } from "./dossier/DossierScreen";
import { setLanguage } from "./i18n";
import { loadIdentity, putReviewSetting, type StoredIdentity } from "./keys/store";
import { Audit } from "./screens/Audit";
import type { PersonRef } from "./cases/people/peopleMap";
import { CasePersonView } from "./screens/CasePersonView";
import { CaseView } from "./screens/CaseView";
import { Cases } from "./screens/Cases";
import { Invitation } from "./screens/Invitation";
import { KeyScreen } from "./screens/KeyScreen";
import { reviewerLookUp, reviewersById } from "./reviewers";
import { Queue } from "./screens/Queue";
import { RecoveryCodes, RecoveryCodesLeft } from "./screens/RecoveryCodes";
import { ReportScreen } from "./screens/ReportScreen";
import { SignIn, type SignInNotice } from "./screens/SignIn";
import { Unlock } from "./screens/Unlock";

type Phase =
  | { name: "starting" }
  | { name: "invite"; token: string }
  | { name: "signin"; notice: SignInNotice | null }
  | { name: "codes"; reviewer: Reviewer; codes: string[] }
  | { name: "in"; reviewer: Reviewer; codesLeft?: number | null };

type Screen =
  | { name: View }
  | { name: "report"; reportId: string }
  | { name: "case"; caseId: string }
  | { name: "dossier"; caseId: string }
  | { name: "casePerson"; caseId: string; person: PersonRef };

/** The invitation token of `#invite=TOKEN`, removed from the address bar and history at once. */
function takeInviteToken(): string | null {
  const match = /^#invite=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (location.hash !== "") history.replaceState(null, "", location.pathname + location.search);
  return match?.[1] ?? null;
}

export function App({
  services,
  setSignedOutHandler,
}: {
  services: ConsoleServices;
  setSignedOutHandler: (handler: () => void) => void;
}) {
  const { api, keyring, db, queue, cases } = services;
  const [phase, setPhase] = useState<Phase>({ name: "starting" });
  const [screen, setScreen] = useState<Screen>({ name: "queue" });
  const [unlocked, setUnlocked] = useState(keyring.unlocked);
  const [stored, setStored] = useState<StoredIdentity | null | undefined>(undefined);
  const [reviewers, setReviewers] = useState<ReadonlyMap<string, Reviewer>>(new Map());
  const [, setLanguageTag] = useState("");

  const forgetDecrypted = (): void => {
    queue.clear();
    cases.clear();
  };

  useEffect(() => {
    setSignedOutHandler(() => {
      keyring.lock();
      forgetDecrypted();
      // Only a session that existed can end; the first check of a fresh visit just finds none.
      setPhase((current) =>
        current.name === "in"
          ? { name: "signin", notice: "expired" }
          : current.name === "starting"
            ? { name: "signin", notice: null }
            : current,
      );
    });
    const token = takeInviteToken();
    if (token !== null) {
      setPhase({ name: "invite", token });
      return;
    }
    api.session().then(
      (answer) => setPhase({ name: "in", reviewer: answer.reviewer }),
      () => setPhase((current) => (current.name === "starting" ? { name: "signin", notice: null } : current)),
    );
  }, []);

  useEffect(
    () =>
      keyring.subscribe((isUnlocked) => {
        setUnlocked(isUnlocked);
        if (!isUnlocked) forgetDecrypted();
      }),
    [],
  );

  // Activity keeps the key unlocked; 15 idle minutes lock it (keys/keyring.ts).
  useEffect(() => {
    const touch = (): void => keyring.touch();
    for (const type of ["pointerdown", "keydown", "wheel"]) document.addEventListener(type, touch, { passive: true });
    return () => {
      for (const type of ["pointerdown", "keydown", "wheel"]) document.removeEventListener(type, touch);
    };
  }, []);

  useEffect(() => {
    if (phase.name !== "starting") document.documentElement.dataset.ready = "1";
  }, [phase.name]);

  const reviewerId = phase.name === "in" ? phase.reviewer.id : null;
  useEffect(() => {
    if (reviewerId === null) return;
    setStored(undefined);
    loadIdentity(db, reviewerId).then(setStored, () => setStored(null));
    api.reviewers().then(
      (list) => setReviewers(reviewersById(list)),
      () => undefined,
    );
  }, [reviewerId]);
  const lookUp = useMemo(() => reviewerLookUp(() => api.reviewers(), setReviewers), []);

  const signedIn = (answer: SignedIn): void => {
    setScreen({ name: "queue" });
    const codes = answer.recovery_codes ?? [];
    setPhase(
      codes.length > 0
        ? { name: "codes", reviewer: answer.reviewer, codes }
        : { name: "in", reviewer: answer.reviewer, codesLeft: answer.recovery_codes_left ?? null },
    );
  };
  const renewRecoveryCodes = async (reviewer: Reviewer): Promise<void> => {
    try {
      setPhase({ name: "codes", reviewer, codes: await api.newRecoveryCodes() });
    } catch {
      setPhase({ name: "in", reviewer, codesLeft: null });
    }
  };
  const signOut = async (): Promise<void> => {
    await api.signOut().catch(() => undefined);
    keyring.lock();
    forgetDecrypted();
    setPhase({ name: "signin", notice: "signedOut" });
  };
  const changeLanguage = (tag: string): void => {
    document.documentElement.lang = setLanguage(tag).tag;
    setLanguageTag(tag);
    void putReviewSetting(db, "language", tag).catch(() => undefined);
  };

  if (phase.name === "starting") return <p class="shell">…</p>;
  if (phase.name === "invite") {
    return <Invitation api={api} token={phase.token} onAccepted={signedIn} onLanguage={changeLanguage} />;
  }
  if (phase.name === "signin")
    return <SignIn api={api} notice={phase.notice} onSignedIn={signedIn} onLanguage={changeLanguage} />;
  if (phase.name === "codes") {
    const next = { name: "in", reviewer: phase.reviewer } as const;
    return (
      <RecoveryCodes
        name={phase.reviewer.name}
        codes={phase.codes}
        onSaved={() => setPhase(next)}
        onLanguage={changeLanguage}
      />
    );
  }

  const reviewer = phase.reviewer;
  const session = {
    ...services,
    reviewer,
    reviewers: reviewers.size > 0 ? reviewers : new Map([[reviewer.id, reviewer]]),
    lookUpReviewer: (id: string | null) => lookUp(reviewers, id),
    onReviewer: (next: Reviewer) => setPhase({ name: "in", reviewer: next }),
  };
  const show = (next: Screen): void => {
    setScreen(next);
    window.scrollTo(0, 0);
  };

  let content;
  if (stored === undefined) {
    content = <p>…</p>;
  } else if (stored === null || screen.name === "key") {
    const onStored = (record: StoredIdentity): void => {
      setStored(record);
      show({ name: "key" }); // the new key's state and backup come next
    };
    content = <KeyScreen stored={stored} onStored={onStored} onDone={() => show({ name: "queue" })} />;
  } else if (!unlocked) {
    content = <Unlock stored={stored} onUnlocked={() => show(screen)} onReplace={() => setStored(null)} />;
  } else if (screen.name === "report") {
    content = (
      <ReportScreen
        key={screen.reportId}
        reportId={screen.reportId}
        onBack={() => show({ name: "queue" })}
        onOpenCase={(caseId) => show({ name: "case", caseId })}
        onOpenReport={(reportId) => show({ name: "report", reportId })}
      />
    );
  } else if (screen.name === "cases") {
    content = <Cases onOpen={(caseId) => show({ name: "case", caseId })} />;
  } else if (screen.name === "case") {
    content = (
      <CaseView
        caseId={screen.caseId}
        onReport={(reportId) => show({ name: "report", reportId })}
        onBack={() => show({ name: "cases" })}
        onDossier={() => show({ name: "dossier", caseId: screen.caseId })}
        onPerson={(person) => show({ name: "casePerson", caseId: screen.caseId, person })}
      />
    );
  } else if (screen.name === "casePerson") {
    content = (
      <CasePersonView
        caseId={screen.caseId}
        person={screen.person}
        onReport={(reportId) => show({ name: "report", reportId })}
        onBack={() => show({ name: "case", caseId: screen.caseId })}
      />
    );
  } else if (screen.name === "dossier") {
    content = <DossierScreen caseId={screen.caseId} onBack={() => show({ name: "case", caseId: screen.caseId })} />;
  } else if (screen.name === "audit" && reviewer.role === "admin") {
    content = <Audit />;
  } else {
    content = <Queue onOpen={(reportId) => show({ name: "report", reportId })} />;
  }

  const current: View | null =
    screen.name === "report"
      ? "queue"
      : screen.name === "case" || screen.name === "dossier" || screen.name === "casePerson"
        ? "cases"
        : screen.name;
  return (
    <ConsoleContext.Provider value={session}>
      <Nav
        reviewer={reviewer}
        current={current}
        unlocked={unlocked}
        onView={(view) => show({ name: view })}
        onLanguage={changeLanguage}
        onLock={() => {
          keyring.lock();
          // The key screen needs no key: leave it, so the next thing shown asks for the passphrase.
          if (screen.name === "key") show({ name: "queue" });
        }}
        onSignOut={() => void signOut()}
      />
      <main id="main" class="console">
        <ListExpiryBanner />
        {phase.codesLeft != null && (
          <RecoveryCodesLeft
            left={phase.codesLeft}
            onRenew={() => void renewRecoveryCodes(reviewer)}
            onDismiss={() => setPhase({ name: "in", reviewer })}
          />
        )}
        {content}
      </main>
    </ConsoleContext.Provider>
  );
}
