/**
 * The phone that signed a report's attachments: a short fingerprint of its device key, and the
 * other opened reports signed by the same key, as links. A wipe makes a new key, so "another
 * phone" may be the same phone wiped (docs/threat-model.md, "Provenance").
 */
import { Fragment } from "preact";

import { t } from "../i18n";
import type { DeviceKey } from "../../shared/report/v2";
import { keyFingerprint } from "./sameDevice";

interface Props {
  device: DeviceKey | null;
  /** Other opened reports signed by the same key. */
  others: readonly string[];
  onOpenReport: (reportId: string) => void;
}

export function DeviceCard({ device, others, onOpenReport }: Props) {
  return (
    <section class="section" data-testid="device-card">
      <h2>{t("photoEvidence.device.title")}</h2>
      {device === null ? (
        <p class="muted">{t("photoEvidence.device.noKey")}</p>
      ) : (
        <>
          <p>
            {t("photoEvidence.device.key")}:{" "}
            <code data-testid="device-fingerprint">{keyFingerprint(device.publicKey)}</code>
          </p>
          {others.length === 0 ? (
            <p class="muted">{t("photoEvidence.device.none")}</p>
          ) : (
            <p data-testid="device-others">
              {t("photoEvidence.device.others")}:{" "}
              {others.map((reportId, index) => (
                <Fragment key={reportId}>
                  {index > 0 && ", "}
                  <button
                    type="button"
                    class="link"
                    data-testid="device-other"
                    data-report-id={reportId}
                    onClick={() => onOpenReport(reportId)}
                  >
                    <code>{reportId.slice(0, 8)}</code>
                  </button>
                </Fragment>
              ))}
            </p>
          )}
        </>
      )}
    </section>
  );
}
