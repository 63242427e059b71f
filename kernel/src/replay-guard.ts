/**
 * Replay protection: the signatures of the last messages received, so a byte-identical signed
 * message sent again (captured on the network and replayed) is dropped instead of run twice, as
 * ipykernel does. A signature is an HMAC over the header, whose msg_id and date are unique, so two
 * genuine messages never share one.
 */

/** A bounded history of message signatures; the oldest are forgotten first. */
export class SignatureHistory {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];
  private next = 0;

  /** Remembers at most `capacity` signatures (ipykernel keeps 65,536). */
  constructor(private readonly capacity = 65_536) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`SignatureHistory: capacity must be a positive integer, got ${capacity}`);
  }

  /** Records `signature`; returns false when it was already seen (a replay). Empty signatures (no key) always pass. */
  add(signature: string): boolean {
    if (signature === "") return true;
    if (this.seen.has(signature)) return false;
    if (this.order.length < this.capacity) {
      this.order.push(signature);
    } else {
      this.seen.delete(this.order[this.next]);
      this.order[this.next] = signature;
      this.next = (this.next + 1) % this.capacity;
    }
    this.seen.add(signature);
    return true;
  }
}
