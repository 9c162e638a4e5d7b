/**
 * Harm to relatives and medical care person by person (from the case's evidence), the reporters' own accounts (quoted as written, never
 * translated), and the source reports: id, when the server received it, the SHA-256 its receipt
 * names, the phone's clock, who reported and what they consented to.
 */
import type { Consent } from "../../shared/report/model";
import type { CaseEvidence } from "./appeal/evidence";
import type { Dossier } from "./dossier";
import type { DocumentLanguage } from "./language";
import { actBlocks } from "./parts/acts";
import { medicalBlocks } from "./parts/records";
import { ActBlocks } from "./ProceedingsPart";
import { Cell, FactRows, Part } from "./Table";
import { reportRef } from "./words";

export function HarmsPart({ L, evidence }: { L: DocumentLanguage; evidence: CaseEvidence }) {
  const harms = actBlocks(L, evidence, "harm_to_relative");
  const medical = medicalBlocks(L, evidence);
  return (
    <Part testid="dossier-harms" title={L.t("dossier.harms.title")}>
      {harms.length === 0 && medical.length === 0 && <p class="not-known">{L.t("dossier.doc.noneReported")}</p>}
      <ActBlocks L={L} blocks={harms} />
      {medical.map((block) => (
        <div class="dossier-block" key={block.key} data-testid="dossier-medical">
          <h3>
            {L.t("dossier.medical.title")}: {block.heading} ({reportRef(L, block)})
          </h3>
          <FactRows L={L} rows={block.rows} />
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
