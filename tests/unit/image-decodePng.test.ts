// decodePng against PNG files written here with Node's zlib (deflate, crc32) and a
// filter encoder written independently of the decoder, for every colour type and filter.
import { crc32 as nodeCrc32, deflateSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodePng, readPngHeader } from "../../src/image";

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(nodeCrc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function header(width: number, height: number, colorType: number, bitDepth = 8, interlace = 0): Uint8Array {
  const h = Buffer.alloc(13);
  h.writeUInt32BE(width, 0);
  h.writeUInt32BE(height, 4);
  h[8] = bitDepth;
  h[9] = colorType;
  h[12] = interlace;
  return h;
}

/** The PNG predictor of a byte from its left (a), up (b) and up-left (c) neighbours. */
function predict(filter: number, a: number, b: number, c: number): number {
  if (filter === 0) return 0;
  if (filter === 1) return a;
  if (filter === 2) return b;
  if (filter === 3) return Math.floor((a + b) / 2);
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters interleaved pixel bytes, row y with filters[y % filters.length]. */
function filterRows(pixels: Uint8Array, width: number, height: number, bpp: number, filters: number[]): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const f = filters[y % filters.length];
    out[y * (stride + 1)] = f;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? pixels[y * stride + x - bpp] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
      out[y * (stride + 1) + 1 + x] = (pixels[y * stride + x] - predict(f, a, b, c)) & 0xff;
    }
  }
  return out;
}

interface PngSpec {
  width: number;
  height: number;
  colorType: number;
  pixels: Uint8Array;
  filters?: number[];
  /** Split the zlib stream over this many IDAT chunks. */
  idatChunks?: number;
  extraChunks?: Buffer[];
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function encode(spec: PngSpec): Uint8Array {
  const bpp = CHANNELS[spec.colorType];
  const z = deflateSync(filterRows(spec.pixels, spec.width, spec.height, bpp, spec.filters ?? [0]));
  const parts = spec.idatChunks ?? 1;
  const size = Math.ceil(z.length / parts);
  const idats: Buffer[] = [];
  for (let i = 0; i < z.length; i += size) idats.push(chunk("IDAT", z.subarray(i, i + size)));
  return Uint8Array.from(
    Buffer.concat([
      SIGNATURE,
      chunk("IHDR", header(spec.width, spec.height, spec.colorType)),
      ...(spec.extraChunks ?? []),
      ...idats,
      chunk("IEND", new Uint8Array(0)),
    ]),
  );
}

/** The expected (C, H, W) values of interleaved bytes. */
function planar(pixels: Uint8Array, width: number, height: number, channels: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < channels; c++)
    for (let p = 0; p < width * height; p++) out.push(Math.fround(pixels[p * channels + c] / 255));
  return out;
}

function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe("decodePng", () => {
  it("reads a 2x2 RGB image into (3, H, W) values in [0, 1]", () => {
    const pixels = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const t = decodePng(encode({ width: 2, height: 2, colorType: 2, pixels }), inflateSync);
    expect(t.shape).toEqual([3, 2, 2]);
    expect(t.dtype).toBe("float32");
    expect(Array.from(t.data)).toEqual([1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1]);
  });

  for (const filter of [0, 1, 2, 3, 4]) {
    it(`undoes filter type ${filter} on every row (RGB, 7x5)`, () => {
      const [w, h] = [7, 5];
      const pixels = pseudoRandomBytes(w * h * 3, 11 + filter);
      const t = decodePng(encode({ width: w, height: h, colorType: 2, pixels, filters: [filter] }), inflateSync);
      expect(Array.from(t.data)).toEqual(planar(pixels, w, h, 3));
    });
  }

  for (const [colorType, name] of [
    [0, "greyscale"],
    [2, "RGB"],
    [4, "grey + alpha"],
    [6, "RGBA"],
  ] as const) {
    it(`reads ${name} with all five filters mixed across rows`, () => {
      const c = CHANNELS[colorType];
      const [w, h] = [9, 10];
      const pixels = pseudoRandomBytes(w * h * c, 100 + colorType);
      const t = decodePng(encode({ width: w, height: h, colorType, pixels, filters: [4, 3, 2, 1, 0] }), inflateSync);
      expect(t.shape).toEqual([c, h, w]);
      expect(Array.from(t.data)).toEqual(planar(pixels, w, h, c));
    });
  }

  it("joins several IDAT chunks and skips ancillary chunks", () => {
    const pixels = pseudoRandomBytes(16 * 16 * 3, 5);
    const text = chunk("tEXt", Buffer.from("Comment\0hello", "latin1"));
    const t = decodePng(
      encode({ width: 16, height: 16, colorType: 2, pixels, filters: [4, 1], idatChunks: 4, extraChunks: [text] }),
      inflateSync,
    );
    expect(Array.from(t.data)).toEqual(planar(pixels, 16, 16, 3));
  });

  it("round-trips any small image with any filter sequence (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0, 2, 4, 6),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }),
        fc.integer(),
        (w, h, colorType, filters, seed) => {
          const pixels = pseudoRandomBytes(w * h * CHANNELS[colorType], seed);
          const t = decodePng(encode({ width: w, height: h, colorType, pixels, filters }), inflateSync);
          expect(Array.from(t.data)).toEqual(planar(pixels, w, h, CHANNELS[colorType]));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reports the header", () => {
    const png = encode({ width: 3, height: 2, colorType: 6, pixels: new Uint8Array(24) });
    expect(readPngHeader(png)).toEqual({ width: 3, height: 2, bitDepth: 8, colorType: 6, interlace: 0 });
  });
});

describe("decodePng refuses what it cannot read, saying why", () => {
  const rgb = (): Uint8Array => encode({ width: 2, height: 2, colorType: 2, pixels: new Uint8Array(12) });
  const withHeader = (h: Uint8Array): Uint8Array =>
    Uint8Array.from(
      Buffer.concat([
        SIGNATURE,
        chunk("IHDR", h),
        chunk("IDAT", deflateSync(Buffer.alloc(64))),
        chunk("IEND", new Uint8Array(0)),
      ]),
    );

  it("not a PNG", () => {
    expect(() => decodePng(Uint8Array.from([1, 2, 3]), inflateSync)).toThrow(/PNG signature/);
  });
  it("not bytes, no inflate", () => {
    expect(() => decodePng("cat.png" as unknown as Uint8Array, inflateSync)).toThrow(/bytes must be a Uint8Array/);
    expect(() => decodePng(rgb(), undefined as unknown as (b: Uint8Array) => Uint8Array)).toThrow(/inflate must be a function/);
  });
  it("palette, 16-bit and interlaced images", () => {
    expect(() => decodePng(withHeader(header(2, 2, 3)), inflateSync)).toThrow(/colour type .* got 3 \(palette\)/);
    expect(() => decodePng(withHeader(header(2, 2, 2, 16)), inflateSync)).toThrow(/bit depth must be 8, got 16/);
    expect(() => decodePng(withHeader(header(2, 2, 2, 8, 1)), inflateSync)).toThrow(/interlace method must be 0 .* got 1/);
  });
  it("a bad CRC, a truncated file, a missing IEND", () => {
    const bad = rgb();
    bad[bad.length - 20] ^= 0xff;
    expect(() => decodePng(bad, inflateSync)).toThrow(/bad CRC|could not be inflated/);
    const png = rgb();
    expect(() => decodePng(png.subarray(0, png.length - 30), inflateSync)).toThrow(/file ends first|truncated/);
    expect(() => decodePng(png.subarray(0, png.length - 12), inflateSync)).toThrow(/no IEND/);
  });
  it("an unknown filter type and the wrong amount of data", () => {
    const raw = Buffer.from([7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const png = Uint8Array.from(
      Buffer.concat([
        SIGNATURE,
        chunk("IHDR", header(2, 2, 2)),
        chunk("IDAT", deflateSync(raw)),
        chunk("IEND", new Uint8Array(0)),
      ]),
    );
    expect(() => decodePng(png, inflateSync)).toThrow(/row 0 has filter type 7; it must be 0..4/);
    const short = Uint8Array.from(
      Buffer.concat([
        SIGNATURE,
        chunk("IHDR", header(2, 2, 2)),
        chunk("IDAT", deflateSync(Buffer.alloc(5))),
        chunk("IEND", new Uint8Array(0)),
      ]),
    );
    expect(() => decodePng(short, inflateSync)).toThrow(/must inflate to 14 bytes .* got 5/);
  });
  it("corrupt compressed data", () => {
    const png = Uint8Array.from(
      Buffer.concat([
        SIGNATURE,
        chunk("IHDR", header(2, 2, 2)),
        chunk("IDAT", Buffer.from([1, 2, 3, 4])),
        chunk("IEND", new Uint8Array(0)),
      ]),
    );
    expect(() => decodePng(png, inflateSync)).toThrow(/could not be inflated/);
  });
});
