"""What the tests run inside the reporter app's page, in any engine (Playwright's Chromium, Selenium's WebKit).

Each `*_JS` is a JavaScript function (async where it must wait), called with the test's arguments.
"""

import re

READY = 'html[data-ready="1"]'
# The page's view of IndexedDB: the object-store counts of "kua", or null when there is no such database
# (opening it without checking would create it).
STORE_COUNTS_JS = """async () => {
  if (!(await indexedDB.databases()).some((d) => d.name === "kua")) return null;
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open("kua");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const counts = {};
  for (const name of db.objectStoreNames) {
    counts[name] = await new Promise((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  db.close();
  return counts;
}"""
OUTBOX_CIPHERTEXT_BYTES_JS = """async (reportId) => {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open("kua");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const record = await new Promise((resolve, reject) => {
    const request = db.transaction("outbox").objectStore("outbox").get(reportId);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  // Bytes; a Blob in records of earlier versions (frontend/src/reporter/store/storedBytes.ts).
  return record && record.ciphertext ? (record.ciphertext.size ?? record.ciphertext.byteLength) : null;
}"""
# The seq of the recipient list the phone has stored (what it seals to), or null before it has one.
STORED_LIST_SEQ_JS = """async () => {
  if (!(await indexedDB.databases()).some((d) => d.name === "kua")) return null;
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open("kua");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const setting = await new Promise((resolve, reject) => {
    const request = db.transaction("settings").objectStore("settings").get("recipientList");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return setting ? setting.seq : null;
}"""
LEFTOVERS_JS = """async () => ({
  databases: (await indexedDB.databases()).map((d) => d.name),
  caches: await caches.keys(),
  serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
})"""
# What a person reads off the screen: the visible text and what is typed in each field.
SCREEN_TEXT_JS = """() => [
  document.body ? document.body.innerText : "",
  ...[...document.querySelectorAll("input, textarea, select")].map((field) => field.value),
].join("\\n")"""
# The receipt the phone keeps for a report (its SHA-256 must be that of what the server stored), or null.
RECEIPT_JS = """async (reportId) => {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open("kua");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const receipt = await new Promise((resolve, reject) => {
    const request = db.transaction("receipts").objectStore("receipts").get(reportId);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return receipt ? { sha256: receipt.sha256, attachments: receipt.attachments.length } : null;
}"""

# The service worker's precache manifest: every `url` it lists (revisioned entries too).
PRECACHE_URL = re.compile(r"""["']?url["']?\s*:\s*["']([^"']+)["']""")


def precache_manifest(service_worker_js: str) -> set[str]:
    """The paths the service worker (sw.js's text) precaches, in both stages."""
    return {"/" + url.lstrip("/") for url in PRECACHE_URL.findall(service_worker_js)}


# Paths (no query: revisioned files are stored under `?__WB_REVISION__=...`) of every cached entry.
CACHED_PATHS_JS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
  }
  return paths;
}"""
# True once every path given is in the page's caches (the whole precache, both stages).
ALL_CACHED_JS = f"""async (wanted) => {{
  const have = new Set(await ({CACHED_PATHS_JS})());
  return wanted.every((path) => have.has(path));
}}"""
