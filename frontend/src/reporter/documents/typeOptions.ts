/** The document types as the relative picks them, in the order of DOCUMENT_TYPES, in her language. */
import { t } from "../i18n";
import { DOCUMENT_TYPES, type DocumentType } from "./documents";

export const documentTypeOptions = (): { value: DocumentType; label: string }[] =>
  DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`documents.types.${type}`) }));
