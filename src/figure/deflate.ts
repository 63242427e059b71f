/**
 * A small zlib (RFC 1950) / deflate (RFC 1951) compressor: LZ77 matching over a
 * 32 KiB window with hash chains, coded with the fixed Huffman tables, or stored
 * (uncompressed) blocks. Enough for figure images, whose flat cells compress well.
 */
import { adler32 } from "./checksums";
import { DIST_BASE, DIST_EXTRA, LENGTH_BASE, LENGTH_EXTRA } from "./deflateTables";

/** `fixed`: LZ77 + fixed Huffman codes; `stored`: uncompressed blocks. */
export type DeflateMode = "fixed" | "stored";

class BitWriter {
  private buf = new Uint8Array(1024);
  private len = 0;
  private bitBuf = 0;
  private bitCount = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let n = this.buf.length * 2;
    while (n < this.len + extra) n *= 2;
    const next = new Uint8Array(n);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Writes the low `n` bits of `value`, least significant first. */
  bits(value: number, n: number): void {
    this.bitBuf |= value << this.bitCount;
    this.bitCount += n;
    while (this.bitCount >= 8) {
      this.ensure(1);
      this.buf[this.len++] = this.bitBuf & 0xff;
      this.bitBuf >>>= 8;
      this.bitCount -= 8;
    }
  }

  /** Writes a Huffman code of `n` bits, most significant bit first. */
  code(code: number, n: number): void {
    let rev = 0;
    for (let i = 0; i < n; i++) rev |= ((code >>> i) & 1) << (n - 1 - i);
    this.bits(rev, n);
  }

  /** Pads to a byte boundary. */
  align(): void {
    if (this.bitCount > 0) this.bits(0, 8 - this.bitCount);
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Writes literal/length symbol `sym` (0..287) with the fixed Huffman code. */
function writeFixedSymbol(w: BitWriter, sym: number): void {
  if (sym < 144) w.code(0x30 + sym, 8);
  else if (sym < 256) w.code(0x190 + sym - 144, 9);
  else if (sym < 280) w.code(sym - 256, 7);
  else w.code(0xc0 + sym - 280, 8);
}

function writeMatch(w: BitWriter, length: number, distance: number): void {
  let li = LENGTH_BASE.length - 1;
  while (LENGTH_BASE[li] > length) li--;
  writeFixedSymbol(w, 257 + li);
  if (LENGTH_EXTRA[li] > 0) w.bits(length - LENGTH_BASE[li], LENGTH_EXTRA[li]);
  let di = DIST_BASE.length - 1;
  while (DIST_BASE[di] > distance) di--;
  w.code(di, 5);
  if (DIST_EXTRA[di] > 0) w.bits(distance - DIST_BASE[di], DIST_EXTRA[di]);
}

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const HASH_BITS = 15;
const MAX_CHAIN = 48;

function deflateFixed(w: BitWriter, data: Uint8Array): void {
  w.bits(1, 1); // final block
  w.bits(1, 2); // fixed Huffman codes
  const head = new Int32Array(1 << HASH_BITS).fill(-1);
  const prev = new Int32Array(WINDOW).fill(-1);
  const hashAt = (i: number): number => ((data[i] << 10) ^ (data[i + 1] << 5) ^ data[i + 2]) & ((1 << HASH_BITS) - 1);
  const insert = (i: number): void => {
    if (i + MIN_MATCH > data.length) return;
    const h = hashAt(i);
    prev[i & (WINDOW - 1)] = head[h];
    head[h] = i;
  };
  let i = 0;
  while (i < data.length) {
    let bestLen = 0;
    let bestDist = 0;
    if (i + MIN_MATCH <= data.length) {
      let cand = head[hashAt(i)];
      const limit = Math.min(MAX_MATCH, data.length - i);
      for (let chain = 0; cand >= 0 && i - cand <= WINDOW && chain < MAX_CHAIN; chain++) {
        if (data[cand + bestLen] === data[i + bestLen]) {
          let len = 0;
          while (len < limit && data[cand + len] === data[i + len]) len++;
          if (len > bestLen) {
            bestLen = len;
            bestDist = i - cand;
            if (len === limit) break;
          }
        }
        const next = prev[cand & (WINDOW - 1)];
        if (next >= cand) break; // the slot was overwritten by a newer position
        cand = next;
      }
    }
    if (bestLen >= MIN_MATCH) {
      writeMatch(w, bestLen, bestDist);
      for (let k = 0; k < bestLen; k++) insert(i + k);
      i += bestLen;
    } else {
      writeFixedSymbol(w, data[i]);
      insert(i);
      i++;
    }
  }
  writeFixedSymbol(w, 256); // end of block
}

function deflateStored(w: BitWriter, data: Uint8Array): void {
  let pos = 0;
  do {
    const n = Math.min(65535, data.length - pos);
    const final = pos + n >= data.length ? 1 : 0;
    w.bits(final, 1);
    w.bits(0, 2);
    w.align();
    w.bytes(new Uint8Array([n & 0xff, n >>> 8, ~n & 0xff, (~n >>> 8) & 0xff]));
    w.bytes(data.subarray(pos, pos + n));
    pos += n;
  } while (pos < data.length);
}

/** The zlib stream (header, deflate data, Adler-32) of `data`. */
export function zlibCompress(data: Uint8Array, mode: DeflateMode = "fixed"): Uint8Array {
  const w = new BitWriter();
  w.bits(0x78, 8); // deflate, 32 KiB window
  w.bits(0x01, 8); // no preset dictionary; (0x78 * 256 + 0x01) % 31 === 0
  if (mode === "stored") deflateStored(w, data);
  else deflateFixed(w, data);
  w.align();
  const a = adler32(data);
  w.bytes(new Uint8Array([a >>> 24, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff]));
  return w.result();
}
