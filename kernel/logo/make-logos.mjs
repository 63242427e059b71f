// Draws the kernel's logos (run once: `node kernel/logo/make-logos.mjs`; the PNG/SVG files are committed).
// Motif: a 2x2 input scattered by a transposed convolution into a 4x4 heatmap, on a rounded tile.
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

// Viridis-like colour stops.
const STOPS = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
function viridis(t) {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  return STOPS[i].map((c, k) => Math.round(c + (STOPS[i + 1][k] - c) * f));
}

// 2x2 input [[1,2],[3,4]] with a 3x3 all-ones kernel, stride 1: 4x4 output.
const input = [
  [1, 2],
  [3, 4],
];
const out = Array.from({ length: 4 }, () => new Array(4).fill(0));
for (let i = 0; i < 2; i++)
  for (let j = 0; j < 2; j++) for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) out[i + a][j + b] += input[i][j];
const max = Math.max(...out.flat());

function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Colour (RGBA) of the logo at unit coordinates (u, v) in [0, 1]. */
function shade(u, v) {
  if (!inRoundedRect(u, v, 0, 0, 1, 1, 0.18)) return [0, 0, 0, 0];
  const pad = 0.14,
    gap = 0.03,
    cell = (1 - 2 * pad - 3 * gap) / 4;
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      const x0 = pad + c * (cell + gap),
        y0 = pad + r * (cell + gap);
      if (inRoundedRect(u, v, x0, y0, x0 + cell, y0 + cell, cell * 0.18)) return [...viridis(out[r][c] / max), 255];
    }
  }
  return [24, 32, 52, 255];
}

function crc32(bytes) {
  let c,
    crc = 0xffffffff;
  for (const b of bytes) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const ss = 4; // supersampling for smooth edges
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const p = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          for (let k = 0; k < 3; k++) acc[k] += p[k] * p[3];
          acc[3] += p[3];
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const alpha = acc[3] / (ss * ss);
      for (let k = 0; k < 3; k++) raw[o + k] = acc[3] > 0 ? Math.round(acc[k] / acc[3]) : 0;
      raw[o + 3] = Math.round(alpha);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function svg() {
  const pad = 0.14,
    gap = 0.03,
    cell = (1 - 2 * pad - 3 * gap) / 4,
    s = 64;
  const rects = [];
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++) {
      const [R, G, B] = viridis(out[r][c] / max);
      rects.push(
        `<rect x="${((pad + c * (cell + gap)) * s).toFixed(2)}" y="${((pad + r * (cell + gap)) * s).toFixed(2)}" width="${(cell * s).toFixed(2)}" height="${(cell * s).toFixed(2)}" rx="${(cell * s * 0.18).toFixed(2)}" fill="rgb(${R},${G},${B})"/>`,
      );
    }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"><rect width="64" height="64" rx="11.5" fill="rgb(24,32,52)"/>${rects.join("")}</svg>\n`;
}

writeFileSync(join(here, "logo-32x32.png"), png(32));
writeFileSync(join(here, "logo-64x64.png"), png(64));
writeFileSync(join(here, "logo-svg.svg"), svg());
console.log("wrote logos to", here);
