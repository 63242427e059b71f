/**
 * Test helper: a PNG reader written independently of src/figure (Node's zlib for
 * the inflate, Node's crc32 for the checksums), so the encoder is checked against
 * the format rather than against itself.
 */
import { crc32 as nodeCrc32, inflateSync } from "node:zlib";

export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  /** RGB bytes, row-major. */
  pixels: Uint8Array;
  chunkTypes: string[];
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Decodes an 8-bit RGB, non-interlaced PNG; throws on any malformed chunk or checksum. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  SIGNATURE.forEach((b, i) => {
    if (bytes[i] !== b) throw new Error(`bad signature byte ${i}`);
  });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 8;
  const idat: Uint8Array[] = [];
  const chunkTypes: string[] = [];
  let width = 0;
  let height = 0;
  let colorType = -1;
  let bitDepth = -1;
  while (o < bytes.length) {
    const len = view.getUint32(o);
    const type = String.fromCharCode(...bytes.subarray(o + 4, o + 8));
    const data = bytes.subarray(o + 8, o + 8 + len);
    const crc = view.getUint32(o + 8 + len);
    if (nodeCrc32(bytes.subarray(o + 4, o + 8 + len)) !== crc) throw new Error(`bad CRC in ${type}`);
    chunkTypes.push(type);
    if (type === "IHDR") {
      const d = new DataView(data.buffer, data.byteOffset, data.byteLength);
      width = d.getUint32(0);
      height = d.getUint32(4);
      bitDepth = data[8];
      colorType = data[9];
    } else if (type === "IDAT") idat.push(data);
    o += 12 + len;
  }
  if (o !== bytes.length) throw new Error("trailing bytes after last chunk");
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  if (raw.length !== (stride + 1) * height) throw new Error(`IDAT holds ${raw.length} bytes, expected ${(stride + 1) * height}`);
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= 3 ? pixels[y * stride + x - 3] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= 3 && y > 0 ? pixels[(y - 1) * stride + x - 3] : 0;
      let pred = 0;
      if (f === 1) pred = a;
      else if (f === 2) pred = b;
      else if (f === 3) pred = (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (f !== 0) throw new Error(`bad filter type ${f}`);
      pixels[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return { width, height, colorType, bitDepth, pixels, chunkTypes };
}

/** The RGB triple at (x, y). */
export function pixelAt(img: DecodedPng, x: number, y: number): [number, number, number] {
  const o = 3 * (y * img.width + x);
  return [img.pixels[o], img.pixels[o + 1], img.pixels[o + 2]];
}
