/**
 * Encodes an RGB image as a PNG file (8-bit truecolour, one IDAT chunk), choosing
 * per row the filter (None, Sub, Up) that leaves the smallest residuals.
 */
import { crc32 } from "./checksums";
import { zlibCompress, type DeflateMode } from "./deflate";
import type { RgbImage } from "./raster";

/** The 8-byte PNG file signature. */
export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function filteredScanlines(img: RgbImage): Uint8Array {
  const stride = img.width * 3;
  const out = new Uint8Array((stride + 1) * img.height);
  const candidate = [new Uint8Array(stride), new Uint8Array(stride), new Uint8Array(stride)];
  for (let y = 0; y < img.height; y++) {
    const row = img.pixels.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? img.pixels.subarray((y - 1) * stride, y * stride) : undefined;
    let best = 0;
    let bestCost = Infinity;
    for (let f = 0; f < 3; f++) {
      if (f === 2 && !up) continue;
      const c = candidate[f];
      let cost = 0;
      for (let x = 0; x < stride; x++) {
        const pred = f === 0 ? 0 : f === 1 ? (x >= 3 ? row[x - 3] : 0) : (up as Uint8Array)[x];
        const v = (row[x] - pred) & 0xff;
        c[x] = v;
        cost += v < 128 ? v : 256 - v;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = f;
      }
    }
    out[y * (stride + 1)] = best;
    out.set(candidate[best], y * (stride + 1) + 1);
  }
  return out;
}

/** The bytes of a PNG file holding `img`. */
export function encodePng(img: RgbImage, mode: DeflateMode = "fixed"): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, img.width);
  v.setUint32(4, img.height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const parts = [
    PNG_SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", zlibCompress(filteredScanlines(img), mode)),
    chunk("IEND", new Uint8Array(0)),
  ];
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
