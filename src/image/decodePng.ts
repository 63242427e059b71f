/**
 * A PNG reader for photographs in notebooks: 8-bit greyscale, grey + alpha, RGB
 * and RGBA, non-interlaced, every scanline filter (None, Sub, Up, Average, Paeth).
 * Pure: the zlib inflate is passed in (a notebook passes Node's `zlib.inflateSync`).
 */
import { crc32 } from "../figure/checksums";
import { Tensor } from "../tensor";
import { describe } from "../args";

/** Inflates a zlib stream (RFC 1950), e.g. Node's `zlib.inflateSync`. */
export type Inflate = (compressed: Uint8Array) => Uint8Array;

/** What the IHDR chunk of a PNG says. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 greyscale, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: number;
  interlace: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
const COLOR_NAMES: Record<number, string> = { 0: "greyscale", 2: "RGB", 3: "palette", 4: "grey + alpha", 6: "RGBA" };
/** Refuse images whose pixels would not fit comfortably in memory (about 64M values). */
const MAX_VALUES = 64 * 1024 * 1024;

function fail(message: string): never {
  throw new RangeError(`decodePng: ${message}`);
}

function readHeader(data: Uint8Array): PngHeader {
  if (data.length !== 13) fail(`the IHDR chunk must hold 13 bytes, got ${data.length}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const header: PngHeader = {
    width: view.getUint32(0),
    height: view.getUint32(4),
    bitDepth: data[8],
    colorType: data[9],
    interlace: data[12],
  };
  if (header.width < 1 || header.height < 1) fail(`width and height must be >= 1, got ${header.width}x${header.height}`);
  if (data[10] !== 0) fail(`compression method must be 0 (deflate), got ${data[10]}`);
  if (data[11] !== 0) fail(`filter method must be 0, got ${data[11]}`);
  if (!(header.colorType in CHANNELS)) {
    const name = COLOR_NAMES[header.colorType] ?? "unknown";
    fail(
      `colour type must be 0 (greyscale), 2 (RGB), 4 (grey + alpha) or 6 (RGBA), got ${header.colorType} (${name}); re-save the image as 8-bit RGB`,
    );
  }
  if (header.bitDepth !== 8) fail(`bit depth must be 8, got ${header.bitDepth}; re-save the image with 8 bits per channel`);
  if (header.interlace !== 0)
    fail(`interlace method must be 0 (none), got ${header.interlace} (Adam7); re-save the image without interlacing`);
  if (header.width * header.height * CHANNELS[header.colorType] > MAX_VALUES) {
    fail(`image of ${header.width}x${header.height} is too large (at most ${MAX_VALUES} channel values)`);
  }
  return header;
}

/** The chunks of a PNG file, checked (signature, lengths, CRCs, order), with the IDAT data joined. */
function readChunks(bytes: Uint8Array): { header: PngHeader; idat: Uint8Array } {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) fail("the bytes do not start with the PNG signature");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: PngHeader | undefined;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) fail(`truncated chunk header at byte ${offset}`);
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) fail(`chunk ${type} at byte ${offset} claims ${length} bytes but the file ends first`);
    const stored = view.getUint32(offset + 8 + length);
    const computed = crc32(bytes.subarray(offset + 4, offset + 8 + length));
    if (stored !== computed) fail(`chunk ${type} at byte ${offset} has a bad CRC (stored ${stored}, computed ${computed})`);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (header === undefined && type !== "IHDR") fail(`the first chunk must be IHDR, got ${type}`);
    if (type === "IHDR") {
      if (header !== undefined) fail("more than one IHDR chunk");
      header = readHeader(data);
    } else if (type === "IDAT") {
      idat.push(data);
    } else if (type === "IEND") {
      ended = true;
      break;
    } else if ((bytes[offset + 4] & 0x20) === 0) {
      fail(`unsupported critical chunk ${type}`);
    }
    offset = end;
  }
  if (header === undefined) fail("no IHDR chunk");
  if (!ended) fail("no IEND chunk (the file is truncated)");
  if (idat.length === 0) fail("no IDAT chunk (no image data)");
  const total = idat.reduce((n, d) => n + d.length, 0);
  const joined = new Uint8Array(total);
  let o = 0;
  for (const d of idat) {
    joined.set(d, o);
    o += d.length;
  }
  return { header, idat: joined };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Undoes the per-scanline filters in place order; returns the raw pixel bytes, row-major, interleaved. */
function unfilter(raw: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  if (raw.length !== height * (stride + 1)) {
    fail(`the image data must inflate to ${height * (stride + 1)} bytes (${height} rows of 1 + ${stride}), got ${raw.length}`);
  }
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) >> 1;
          break;
        case 4:
          predictor = paeth(a, b, c);
          break;
        default:
          fail(`row ${y} has filter type ${filter}; it must be 0..4`);
      }
      out[row + x] = (src[x] + predictor) & 0xff;
    }
  }
  return out;
}

/** The header of a PNG file (size, bit depth, colour type), checked like `decodePng` checks it. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  if (!(bytes instanceof Uint8Array)) fail(`bytes must be a Uint8Array (e.g. fs.readFileSync(path)), got ${describe(bytes)}`);
  return readChunks(bytes).header;
}

/**
 * Decodes a PNG file into a float32 tensor `(C, H, W)` with values in [0, 1]
 * (`byte / 255`): C = 1 greyscale, 2 grey + alpha, 3 RGB, 4 RGBA. Supports 8-bit,
 * non-interlaced images with any scanline filter; palette, 16-bit, sub-byte and
 * interlaced files get an error saying so. `inflate` decompresses zlib data.
 *
 * @example decodePng(fs.readFileSync("data/cat.png"), zlib.inflateSync) // Tensor [3, H, W]
 */
export function decodePng(bytes: Uint8Array, inflate: Inflate): Tensor {
  if (!(bytes instanceof Uint8Array)) fail(`bytes must be a Uint8Array (e.g. fs.readFileSync(path)), got ${describe(bytes)}`);
  if (typeof inflate !== "function") fail(`inflate must be a function such as zlib.inflateSync, got ${describe(inflate)}`);
  const { header, idat } = readChunks(bytes);
  let raw: Uint8Array;
  try {
    raw = inflate(idat);
  } catch (e) {
    fail(`the image data could not be inflated: ${(e as Error).message}`);
  }
  if (!(raw instanceof Uint8Array)) fail(`inflate must return a Uint8Array, got ${describe(raw)}`);
  const { width, height } = header;
  const channels = CHANNELS[header.colorType];
  const pixels = unfilter(raw, width, height, channels);
  const plane = width * height;
  const data = new Float32Array(channels * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < channels; c++) data[c * plane + p] = pixels[p * channels + c] / 255;
  }
  return new Tensor(data, [channels, height, width]);
}
