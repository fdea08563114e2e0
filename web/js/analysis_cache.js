// The last visit's Analysis, kept in IndexedDB so that a return visit (or the market-hours
// refresh) redraws without recomputing, and a market.json with new days scores only those. What
// is kept is the core's state bytes (EnsembleModel.analysisState, core analysis_state.hpp), which
// only the core reads (strictly: a damaged or stale state is refused and recomputed). This file
// only stores and fetches bytes: one record, the last Analysis,
//   {key: "<core build id> <bundle content_sha256>", market: SHA-256 of market.json, state}.
// Every failure (no IndexedDB, private mode, quota) means "nothing kept": the page computes.

const DB_NAME = 'vixray';
const STORE = 'analysis-state';
const RECORD = 'last';

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of bytes in hex, or null where the browser has no SubtleCrypto. */
export async function bytesSha256(bytes) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  return hex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
}

function openDb() {
  return new Promise((resolve, reject) => {
    const request = globalThis.indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
}

function run(mode, body) {
  return openDb().then(
    (db) =>
      new Promise((resolve, reject) => {
        const transaction = db.transaction(STORE, mode);
        const request = body(transaction.objectStore(STORE));
        transaction.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        transaction.onerror = transaction.onabort = () => {
          db.close();
          reject(transaction.error);
        };
      }),
  );
}

/**
 * The kept record as stored (anything, or null), read now: a worker starts reading it before
 * its data arrives and hands the promise to readKept. Never rejects.
 */
export function readRecord() {
  if (!globalThis.indexedDB) return Promise.resolve(null);
  return run('readonly', (store) => store.get(RECORD)).catch(() => null);
}

/** Whether `record` (readRecord's) was kept by the core with build id `buildId`. */
export function keptByBuild(record, buildId) {
  return typeof record?.key === 'string' && record.key.startsWith(`${buildId} `);
}

/**
 * The kept record and this market's SHA-256: {kept: {key, market, state: Uint8Array} | null,
 * market: hex | null}. `record`: a promise of readRecord() started earlier (default: read now).
 * Never rejects.
 */
export async function readKept(marketBytes, record = null) {
  if (!globalThis.indexedDB) return { kept: null, market: null };
  const [market, kept] = await Promise.all([
    bytesSha256(marketBytes).catch(() => null),
    record ?? readRecord(),
  ]);
  const valid =
    market !== null &&
    typeof kept?.key === 'string' &&
    typeof kept.market === 'string' &&
    kept.state instanceof Uint8Array;
  return { kept: valid ? kept : null, market };
}

/** Keeps `record` ({key, market, state}) in place of the last one; resolves to whether it did. */
export function keep(record) {
  if (!globalThis.indexedDB || record.market === null) return Promise.resolve(false);
  return run('readwrite', (store) => store.put(record, RECORD)).then(
    () => true,
    () => false,
  );
}
