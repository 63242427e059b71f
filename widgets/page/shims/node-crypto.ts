/**
 * The two `node:crypto` functions the widget API uses, for the page runtime (a Web Worker):
 * `randomUUID` from Web Crypto, and `createHash` whose digest is the hashed text itself (the
 * widget API only compares digests for equality, so the text is an exact, collision-free key).
 */

/** A random RFC 4122 version 4 UUID. */
export function randomUUID(): string {
  return globalThis.crypto.randomUUID();
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
