/**
 * The two `node:crypto` functions the widget API uses, for the page runtime (a Web Worker):
 * `randomUUID` from Web Crypto, and `createHash` whose digest is the hashed text itself (the
 * widget API only compares digests for equality, so the text is an exact, collision-free key).
 */

/** A random RFC 4122 version 4 UUID. */
export function randomUUID(): string {
  if (typeof globalThis.crypto.randomUUID === "function") return globalThis.crypto.randomUUID();
  // A page served over plain http (not localhost) is no secure context: only getRandomValues exists.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A "hash" whose digest is the concatenated input: equal digests iff equal inputs. */
export function createHash(_algorithm: string): { update(text: string): { digest(encoding?: string): string } } {
  const parts: string[] = [];
  const hash = {
    update(text: string) {
      parts.push(String(text));
      return { digest: (): string => parts.join("") };
    },
  };
  return hash;
}
