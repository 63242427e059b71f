// inflateZlib (src/image/inflate.ts) against Node's zlib: any bytes deflated by Node at any level
// and strategy come back unchanged; corrupt and truncated data give a RangeError, never a hang.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodePng, inflateZlib } from "../../src/index";

/** Bytes with long repeats (so matches and dynamic blocks occur) as well as noise. */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 4000 }),
  fc
    .array(fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 300 })), { maxLength: 30 })
    .map((parts) =>
      Uint8Array.from(parts.flatMap(([bytes, times]) => Array.from({ length: times }, () => Array.from(bytes)).flat())),
    ),
);

describe("inflateZlib", () => {
  it("inverts Node's deflate at every level and strategy", () => {
    fc.assert(
      fc.property(
        payload,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(
          zlib.constants.Z_DEFAULT_STRATEGY,
          zlib.constants.Z_FIXED,
          zlib.constants.Z_HUFFMAN_ONLY,
          zlib.constants.Z_RLE,
        ),
        (bytes, level, strategy) => {
          const packed = zlib.deflateSync(bytes, { level, strategy });
          expect(Buffer.from(inflateZlib(new Uint8Array(packed))).equals(Buffer.from(bytes))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("decodes the notebooks' photograph exactly as with Node's zlib", () => {
    const png = new Uint8Array(fs.readFileSync(path.join(__dirname, "..", "..", "notebooks", "data", "chelsea-128.png")));
    const viaNode = decodePng(png, (b) => new Uint8Array(zlib.inflateSync(b)));
    const viaLibrary = decodePng(png, inflateZlib);
    expect(viaLibrary.shape).toEqual(viaNode.shape);
    expect(Array.from(viaLibrary.data)).toEqual(Array.from(viaNode.data));
  });

  it("rejects truncated and corrupt data with a RangeError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 2000 }), fc.nat(), (bytes, cut) => {
        const packed = new Uint8Array(zlib.deflateSync(bytes));
        const truncated = packed.subarray(0, cut % packed.length);
        expect(() => inflateZlib(truncated)).toThrow(RangeError);
      }),
      { numRuns: 100 },
    );
    const packed = new Uint8Array(zlib.deflateSync(new TextEncoder().encode("hello hello hello")));
    packed[packed.length - 1] ^= 0xff;
    expect(() => inflateZlib(packed)).toThrow(/Adler-32/);
    expect(() => inflateZlib("text" as never)).toThrow(TypeError);
  });
});
