/**
 * Every act of every report, a part per type (detentions, searches, interrogations, torture): one
 * block per act with when, where, to whom, by whom, its facts, and each safeguard's answer with every
 * "no" marked as a violation (parts/acts.ts); "don't know" is not one.
 */
import type { Act } from "../../shared/report/v2";
import type { CaseEvidence } from "./appeal/evidence";
import type { DocumentLanguage } from "./language";
import { actBlocks, type ActBlock } from "./parts/acts";
import { FactRows, Part } from "./Table";
import { reportRef } from "./words";

export function ActBlocks({ L, blocks }: { L: DocumentLanguage; blocks: readonly ActBlock[] }) {
  // Two acts of one type in a report are told apart by their number within it
  const numbered = (block: ActBlock): string => {
    const same = blocks.filter((b) => b.reportNumber === block.reportNumber);
    const ref = reportRef(L, block);
    return same.length > 1 ? `${ref}, ${L.t("dossier.acts.nth", { n: same.indexOf(block) + 1 })}` : ref;
  };
  return (
    <>
      {blocks.map((block) => (
        <div class="dossier-block" key={block.key} data-testid="dossier-act" data-act-id={block.actId}>
          <h3>{numbered(block)}</h3>
          <FactRows L={L} rows={block.rows} />
        </div>
      ))}
    </>
  );
}

function ActsPart(props: {
  L: DocumentLanguage;
  evidence: CaseEvidence;
  type: Act["type"];
  testid: string;
  title: string;
}) {
  const { L, evidence, type, testid, title } = props;
  const blocks = actBlocks(L, evidence, type);
  return (
    <Part testid={testid} title={L.t(title)}>
      {blocks.length === 0 && <p class="not-known">{L.t("dossier.doc.noneReported")}</p>}
      <ActBlocks L={L} blocks={blocks} />
    </Part>
  );
}

export function ProceedingsPart({ L, evidence }: { L: DocumentLanguage; evidence: CaseEvidence }) {
  return (
    <>
      <ActsPart
        L={L}
        evidence={evidence}
        type="detention"
        testid="dossier-detentions"
        title="dossier.detentions.title"
      />
      <ActsPart L={L} evidence={evidence} type="search" testid="dossier-searches" title="dossier.searches.title" />
      <ActsPart
        L={L}
        evidence={evidence}
        type="interrogation"
        testid="dossier-interrogations"
        title="dossier.interrogations.title"
      />
      <ActsPart L={L} evidence={evidence} type="ill_treatment" testid="dossier-torture" title="dossier.torture.title" />
    </>
  );
}
