/**
 * An IndexedDB that lives in this page's memory (fake-indexeddb), put in place of the browser's when the
 * browser keeps nothing (./openDb.ts). Imported only then: a chunk of its own, precached late (vite.config.ts).
 */
import "fake-indexeddb/auto";
