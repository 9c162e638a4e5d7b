/**
 * Test-only: a case of one v2 report as the dossier screen gathers it, and the answered golden
 * report with papers and a recording (its own and those sent with a family's answer). Never
 * imported by the console.
 */
import type { DocumentRef, ReportV2, VoiceRef } from "../../../shared/report/v2";
import { asV1 } from "../../../shared/report/v1View";
import { reportMeta } from "../../testing/reports";
import type { CaseAnswer, CaseTranscript, DossierInput } from "../dossier";
import { ANSWERS, answeredReport, TRANSCRIPTS } from "./goldenCases";

/** A case of one report (and the family's answers to it), as the dossier screen gathers it. */
export function caseOf(full: ReportV2, answers: CaseAnswer[] = [], transcripts: CaseTranscript[] = []): DossierInput {
  return {
    caseId: "c",
    title: null,
    reportIds: [full.reportId],
    opened: [{ meta: reportMeta(full.reportId, "2020-05-06T03:00:00Z"), report: asV1(full), full }],
    answers,
    transcripts,
  };
}

/** The answered report with a detention protocol photographed, and an answer bringing a certificate, a recording and a photo. */
export function withMaterials() {
  const page = (digit: string) => ({ ...PAGE, originalSha256: digit.repeat(64), sealedSha256: digit.repeat(64) });
  const protocol: DocumentRef = {
    id: "d1",
    type: "detention_protocol",
    caption: "Протокол от 28 апреля",
    pages: [page("1"), page("2")],
    pdf: null,
  };
  const pdf = {
    attachmentId: "0192f3a0-7c1e-7a00-8000-0000000000f1",
    mime: "application/pdf",
    name: "spravka.pdf",
    bytes: 2048,
    sha256: "3".repeat(64),
    fileTime: null,
    capturedAt: "2020-05-12T09:00:00+06:00",
    signature: null,
  };
  const voice: VoiceRef = {
    attachmentId: "0192f3a0-7c1e-7a00-8000-0000000000f2",
    field: "answer",
    mime: "audio/webm;codecs=opus",
    durationMs: 187_000,
    bytes: 4096,
    sha256: "4".repeat(64),
    capturedAt: "2020-05-12T09:00:00+06:00",
    signature: null,
  };
  const [first, second] = ANSWERS;
  const answers: CaseAnswer[] = [
    {
      ...first!,
      answer: {
        ...first!.answer,
        media: {
          photos: [page("5")],
          voice: [voice],
          documents: [{ id: "d9", type: "beatings_certificate", caption: null, pages: [], pdf }],
        },
      },
    },
    second!,
  ];
  return { input: caseOf({ ...answeredReport(), documents: [protocol] }, answers, TRANSCRIPTS), pdf, voice };
}

const PAGE = {
  attachmentId: "0192f3a0-7c1e-7a00-8000-0000000000e1",
  originalSha256: "0".repeat(64),
  sealedSha256: "0".repeat(64),
  capturedAt: "2020-05-01T10:00:00+06:00",
  downscaled: false,
  width: 1000,
  height: 1400,
  mime: "image/jpeg",
  bytes: 100_000,
  source: "camera" as const,
  fileTime: null,
  previewAttachmentId: null,
  signature: null,
};
