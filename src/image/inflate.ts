/**
 * `inflateZlib`: zlib-wrapped DEFLATE decompression (RFC 1950 around RFC 1951), written from the
 * two specifications, so PNG decoding needs no Node API (a live exported page has none).
 * Canonical Huffman codes are decoded bit by bit (the simple method of the RFC), which is plenty
 * for the small images of the notebooks.
 */
import { describe } from "../args";
import { adler32 } from "../figure/checksums";
import { DIST_BASE, DIST_EXTRA, LENGTH_BASE, LENGTH_EXTRA } from "../figure/deflateTables";

/** Order in which a dynamic block lists the code lengths of the code length alphabet. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const MAX_BITS = 15;

function fail(message: string): never {
  throw new RangeError(`inflateZlib: ${message}`);
}

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(MAX_BITS + 1);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]]++;
  counts[0] = 0;
  const offsets = new Uint16Array(MAX_BITS + 2);
  for (let len = 1; len <= MAX_BITS; len++) offsets[len + 1] = offsets[len] + counts[len];
  const symbols = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) if (lengths[i] !== 0) symbols[offsets[lengths[i]]++] = i;
  return { counts, symbols };
}

const FIXED_LITERALS = huffman(Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)));
const FIXED_DISTANCES = huffman(new Array<number>(30).fill(5));

/** Reads DEFLATE's bit stream (least significant bit first) and writes the output. */
class Inflater {
  private pos: number;
  private bitBuffer = 0;
  private bitCount = 0;
  out: Uint8Array;
  length = 0;

  constructor(
    private readonly input: Uint8Array,
    start: number,
  ) {
    this.pos = start;
    this.out = new Uint8Array(Math.max(1024, input.length * 4));
  }

  bits(n: number): number {
    while (this.bitCount < n) {
      if (this.pos >= this.input.length) fail("the data ends in the middle of a block (truncated input)");
      this.bitBuffer |= this.input[this.pos++] << this.bitCount;
      this.bitCount += 8;
    }
    const value = this.bitBuffer & ((1 << n) - 1);
    this.bitBuffer >>>= n;
    this.bitCount -= n;
    return value;
  }

  /** Position of the first byte after the DEFLATE stream. */
  byteEnd(): number {
    return this.pos - (this.bitCount >> 3);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.length + n));
    grown.set(this.out.subarray(0, this.length));
    this.out = grown;
  }

  private decode(code: Huffman): number {
    let value = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      value |= this.bits(1);
      const count = code.counts[len];
      if (value - first < count) return code.symbols[index + value - first];
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    return fail("invalid Huffman code");
  }

  stored(): void {
    this.bitBuffer = 0;
    this.bitCount = 0;
    if (this.pos + 4 > this.input.length) fail("the data ends in a stored block's header (truncated input)");
    const len = this.input[this.pos] | (this.input[this.pos + 1] << 8);
    const nlen = this.input[this.pos + 2] | (this.input[this.pos + 3] << 8);
    if ((len ^ 0xffff) !== nlen) fail("a stored block's length does not match its complement");
    this.pos += 4;
    if (this.pos + len > this.input.length) fail("the data ends in a stored block (truncated input)");
    this.reserve(len);
    this.out.set(this.input.subarray(this.pos, this.pos + len), this.length);
    this.length += len;
    this.pos += len;
  }

  codes(literals: Huffman, distances: Huffman): void {
    for (;;) {
      const symbol = this.decode(literals);
      if (symbol < 256) {
        this.reserve(1);
        this.out[this.length++] = symbol;
      } else if (symbol === 256) {
        return;
      } else {
        const l = symbol - 257;
        if (l >= LENGTH_BASE.length) fail(`invalid length symbol ${symbol}`);
        const length = LENGTH_BASE[l] + this.bits(LENGTH_EXTRA[l]);
        const d = this.decode(distances);
        if (d >= DIST_BASE.length) fail(`invalid distance symbol ${d}`);
        const distance = DIST_BASE[d] + this.bits(DIST_EXTRA[d]);
        if (distance > this.length) fail(`a match reaches ${distance} bytes back, before the start of the output`);
        this.reserve(length);
        for (let i = 0; i < length; i++, this.length++) this.out[this.length] = this.out[this.length - distance];
      }
    }
  }

  dynamic(): void {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) fail("a dynamic block declares too many codes");
    const codeLengths = new Array<number>(19).fill(0);
    for (let i = 0; i < ncode; i++) codeLengths[CODE_LENGTH_ORDER[i]] = this.bits(3);
    const lengthCode = huffman(codeLengths);
    const lengths: number[] = [];
    while (lengths.length < nlen + ndist) {
      const symbol = this.decode(lengthCode);
      if (symbol < 16) lengths.push(symbol);
      else {
        let repeat: number;
        let value = 0;
        if (symbol === 16) {
          if (lengths.length === 0) fail("a repeat code comes before any length");
          value = lengths[lengths.length - 1];
          repeat = 3 + this.bits(2);
        } else if (symbol === 17) repeat = 3 + this.bits(3);
        else repeat = 11 + this.bits(7);
        if (lengths.length + repeat > nlen + ndist) fail("code lengths overrun the declared count");
        for (let i = 0; i < repeat; i++) lengths.push(value);
      }
    }
    if (lengths[256] === 0) fail("a dynamic block has no end-of-block code");
    this.codes(huffman(lengths.slice(0, nlen)), huffman(lengths.slice(nlen)));
  }
}

/**
 * Decompresses zlib data (what PNG's IDAT chunks hold, and what Node's `zlib.inflateSync` takes);
 * throws a RangeError naming what is wrong with corrupt or truncated input.
 */
export function inflateZlib(bytes: Uint8Array): Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`inflateZlib: bytes must be a Uint8Array, got ${describe(bytes)}`);
  if (bytes.length < 6) fail(`zlib data needs at least 6 bytes, got ${bytes.length}`);
  const cmf = bytes[0];
  const flg = bytes[1];
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7) fail(`not zlib DEFLATE data (header byte 0x${cmf.toString(16)})`);
  if (((cmf << 8) | flg) % 31 !== 0) fail("the zlib header check fails");
  if (flg & 0x20) fail("zlib data with a preset dictionary is not supported");
  const inflater = new Inflater(bytes, 2);
  let last = 0;
  while (!last) {
    last = inflater.bits(1);
    const type = inflater.bits(2);
    if (type === 0) inflater.stored();
    else if (type === 1) inflater.codes(FIXED_LITERALS, FIXED_DISTANCES);
    else if (type === 2) inflater.dynamic();
    else fail("invalid block type 3");
  }
  const end = inflater.byteEnd();
  if (end + 4 > bytes.length) fail("the data ends before its Adler-32 checksum (truncated input)");
  const expected = ((bytes[end] << 24) | (bytes[end + 1] << 16) | (bytes[end + 2] << 8) | bytes[end + 3]) >>> 0;
  if (adler32(inflater.out.subarray(0, inflater.length)) !== expected)
    fail("the Adler-32 checksum does not match (corrupt data)");
  return inflater.out.slice(0, inflater.length);
}
