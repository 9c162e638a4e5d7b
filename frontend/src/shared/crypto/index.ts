/** Kua's client-side crypto (docs/crypto.md): age sealing, Padmé padding, signed recipient lists. */
export { open, openRaw, seal, sealRaw } from "./age";
export { MIN_PADDED_LENGTH, PaddingError, pad, paddedLength, paddingOf, padme, unpad } from "./padding";
export {
  RecipientListError,
  SIGNATURE_CONTEXT,
  recipientKeyId,
  verifyRecipientList,
  type RecipientList,
  type RecipientListEntry,
  type RecipientListErrorCode,
  type VerifyOptions,
} from "./recipientList";
export { RecipientError, commonRecipientType, recipientType, type RecipientType } from "./recipientType";
export { decodeRootPublicKey, encodeRootPublicKey } from "./rootKey";
export { parseUtcTime } from "./utcTime";
