/**
 * Harm to relatives, medical care, the reporters' own accounts (quoted as written, never
 * translated), and the source reports: id, when the server received it, the SHA-256 its receipt
 * names, the phone's clock, who reported and what they consented to.
 */
import type { Consent } from "../../shared/report/model";
import type { Dossier } from "./dossier";
import type { DocumentLanguage } from "./language";
import { Cell, FactTable, Part } from "./Table";
import { answerText, quoted, reportRef } from "./words";

export function HarmsPart({ L, dossier }: { L: DocumentLanguage; dossier: Dossier }) {
  return (
    <Part testid="dossier-harms" title={L.t("dossier.harms.title")}>
      {dossier.harms.length === 0 && dossier.medical.length === 0 && (
        <p class="not-known">{L.t("dossier.doc.noneReported")}</p>
      )}
      {dossier.harms.length > 0 && (
        <table class="dossier-table">
          <thead>
            <tr>
              <th scope="col">{L.t("dossier.harms.who")}</th>
              <th scope="col">{L.t("dossier.harms.what")}</th>
              <th scope="col">{L.t("dossier.harms.when")}</th>
              <th scope="col">{L.t("dossier.harms.details")}</th>
              <th scope="col">{L.t("dossier.timeline.source")}</th>
            </tr>
          </thead>
          <tbody>
            {dossier.harms.map(({ harm, ...from }, index) => (
              <tr key={index}>
                <td>
                  <Cell L={L} value={quoted(L, harm.who)} />
                </td>
                <td>
                  <Cell L={L} value={harm.what && L.t(`dossier.harms.${harm.what}`)} />
                </td>
                <td>
                  <Cell L={L} value={L.when(harm.when)} />
                </td>
                <td>
                  <Cell L={L} value={quoted(L, harm.details)} />
                </td>
                <td>{reportRef(L, from)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dossier.medical.map(({ medical, ...from }) => (
        <div class="dossier-block" key={from.reportId}>
          <h3>
            {L.t("dossier.medical.title")}: {reportRef(L, from)}
          </h3>
          <FactTable
            L={L}
            rows={[
              [L.t("dossier.medical.careReceived"), answerText(L, medical.careReceived)],
              [
                L.t("dossier.medical.forensicExam"),
                medical.forensicExam && L.t(`dossier.forensicExam.${medical.forensicExam}`),
              ],
              [L.t("dossier.medical.symptoms"), quoted(L, medical.symptoms)],
            ]}
          />
        </div>
      ))}
    </Part>
  );
}

export function AccountsPart({ L, dossier }: { L: DocumentLanguage; dossier: Dossier }) {
  if (dossier.accounts.length === 0) return null;
  return (
    <Part testid="dossier-accounts" title={L.t("dossier.accounts.title")}>
      {dossier.accounts.map(({ account, ...from }) => (
        <blockquote key={from.reportId} class="dossier-account">
          <p class="dossier-account-source">{reportRef(L, from)}</p>
          <p class="words">{account}</p>
        </blockquote>
      ))}
    </Part>
  );
}

const consentText = (L: DocumentLanguage, consent: Consent): string =>
  (["shareWithProsecutor", "shareWithUn"] as const)
    .map((key) => `${L.t(`dossier.sources.${key}`)}: ${L.t(`dossier.answers.${consent[key] ? "yes" : "no"}`)}`)
    .join("; ");

export function SourcesPart({ L, dossier }: { L: DocumentLanguage; dossier: Dossier }) {
  return (
    <Part testid="dossier-sources" title={L.t("dossier.sources.title")}>
      <table class="dossier-table dossier-sources">
        <thead>
          <tr>
            <th scope="col">{L.t("dossier.sources.report")}</th>
            <th scope="col">{L.t("dossier.sources.id")}</th>
            <th scope="col">{L.t("dossier.sources.received")}</th>
            <th scope="col">{L.t("dossier.sources.sha256")}</th>
            <th scope="col">{L.t("dossier.sources.reporter")}</th>
            <th scope="col">{L.t("dossier.sources.consent")}</th>
          </tr>
        </thead>
        <tbody>
          {dossier.sources.map((source) => (
            <tr key={source.reportId} data-testid="dossier-source" data-report-id={source.reportId}>
              <td>{reportRef(L, source)}</td>
              <td>
                <code>{source.reportId}</code>
              </td>
              <td>
                {L.instant(source.receivedAt)}
                <br />
                <span class="dossier-small">
                  {L.t("dossier.sources.deviceTime")}: {source.deviceTime}
                </span>
              </td>
              <td>
                <code>{source.sha256}</code>
              </td>
              <td>
                <Cell L={L} value={source.reporterRole && L.t(`dossier.roles.${source.reporterRole}`)} />
              </td>
              <td>{consentText(L, source.consent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {dossier.missing.length > 0 && (
        <p class="dossier-note">
          {L.t("dossier.sources.missing")}:{" "}
          {dossier.missing.map((id) => (
            <code key={id}>{id} </code>
          ))}
        </p>
      )}
    </Part>
  );
}
