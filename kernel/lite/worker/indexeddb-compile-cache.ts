/**
 * The compile cache (compile-cache.ts) in the browser's IndexedDB, per site origin. Entries are
 * keyed `[build, SHA-256 of the inputs]`; opening it drops the entries of other builds, and a put
 * beyond `MAX_ENTRIES` drops the oldest. Without IndexedDB or `crypto.subtle` (a page that is not
 * a secure context), or when the browser refuses storage, it keeps nothing and every cell compiles.
 */
import { compileCacheKey, type CompileCache } from "./compile-cache";
import type { CompileOutcome } from "./compiler";

/** Name of the database. */
export const COMPILE_CACHE_DATABASE = "upsampling-lab-compiled-cells";
const STORE = "cells";
const STORED_AT = "storedAt";
/** Cells kept: a course's notebooks run a few times over in both languages, with room for edits. */
const MAX_ENTRIES = 4000;

interface StoredCell {
  outcome: CompileOutcome;
  storedAt: number;
}

/** The promise of an IndexedDB request. */
function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

/** The promise of a transaction's end. */
function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = transaction.onerror = () => reject(transaction.error ?? new Error("IndexedDB transaction failed"));
  });
}

/** Opens the database and drops the entries of every other build. */
async function openDatabase(factory: IDBFactory, build: string): Promise<IDBDatabase> {
  const request = factory.open(COMPILE_CACHE_DATABASE, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(STORE).createIndex(STORED_AT, STORED_AT);
  };
  const database = await settled(request);
  const transaction = database.transaction(STORE, "readwrite");
  const store = transaction.objectStore(STORE);
  // Array keys sort after strings, so `[build, []]` is above every `[build, hash]`.
  store.delete(IDBKeyRange.upperBound([build], true));
  store.delete(IDBKeyRange.lowerBound([build, []], true));
  await committed(transaction);
  return database;
}

/** The compile cache of worker build `build` in `factory` (the worker's `indexedDB`). */
export function indexedDbCompileCache(build: string, factory: IDBFactory | undefined = globalThis.indexedDB): CompileCache {
  let database: Promise<IDBDatabase | undefined> | undefined;
  const opened = (): Promise<IDBDatabase | undefined> =>
    (database ??=
      factory === undefined || globalThis.crypto?.subtle === undefined
        ? Promise.resolve(undefined)
        : openDatabase(factory, build).catch(() => undefined));

  return {
    async hasEntries() {
      try {
        const db = await opened();
        if (db === undefined) return false;
        const thisBuild = IDBKeyRange.bound([build], [build, []]);
        return (await settled(db.transaction(STORE).objectStore(STORE).count(thisBuild))) > 0;
      } catch {
        return false;
      }
    },
    async get(declarations, code) {
      try {
        const db = await opened();
        if (db === undefined) return undefined;
        const key = [build, await compileCacheKey(declarations, code)];
        const stored = (await settled(db.transaction(STORE).objectStore(STORE).get(key))) as StoredCell | undefined;
        return stored?.outcome;
      } catch {
        return undefined;
      }
    },
    async put(declarations, code, outcome) {
      try {
        const db = await opened();
        if (db === undefined) return;
        const key = [build, await compileCacheKey(declarations, code)];
        const transaction = db.transaction(STORE, "readwrite");
        const store = transaction.objectStore(STORE);
        const value: StoredCell = { outcome, storedAt: Date.now() };
        store.put(value, key);
        const count = await settled(store.count());
        if (count > MAX_ENTRIES) {
          let excess = count - MAX_ENTRIES;
          const cursors = store.index(STORED_AT).openKeyCursor();
          cursors.onsuccess = () => {
            const cursor = cursors.result;
            if (cursor === null || excess-- <= 0) return;
            store.delete(cursor.primaryKey);
            cursor.continue();
          };
        }
        await committed(transaction);
      } catch {
        // The entry is lost; the cell compiles again next time.
      }
    },
  };
}
