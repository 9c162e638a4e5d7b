/** What the console concludes about one page's or PDF's hash and signature, in words. */
import { t } from "../i18n";
import type { OpenedAttachment } from "./openDocument";

export function Provenance({ opened }: { opened: OpenedAttachment }) {
  return (
    <>
      <p class={opened.hashOk ? "hash-ok" : "problem"} data-testid="doc-hash" data-hash-ok={opened.hashOk ? "1" : "0"}>
        {opened.hashOk ? t("docView.hashOk") : t("docView.hashBad")}
      </p>
      <p
        class={opened.provenance === "invalid" ? "problem" : opened.provenance === "valid" ? "hash-ok" : "muted"}
        data-testid="doc-provenance"
        data-verdict={opened.provenance}
      >
        {t(`docView.provenance.${opened.provenance}`)}
      </p>
    </>
  );
}
