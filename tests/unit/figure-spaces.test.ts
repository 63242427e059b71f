import { describe, expect, it } from "vitest";
import { rasterizeScene, sceneToSvg, textScene, type RgbImage } from "../../src/figure";
import { expandTabs } from "../../src/figure/compose";
import { preserveSpaces } from "../../src/figure/svg";

/** The text content of each `<text>` element, XML entities decoded. */
function textContents(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}

/** Leftmost image column of each run of inked columns (one per glyph group) in `image`. */
function inkedColumnStarts(image: RgbImage): number[] {
  const inked: boolean[] = [];
  for (let x = 0; x < image.width; x++) {
    let any = false;
    for (let y = 0; y < image.height && !any; y++) {
      const i = (y * image.width + x) * 3;
      any = image.pixels[i] < 128;
    }
    inked.push(any);
  }
  return inked.flatMap((on, x) => (on && !inked[x - 1] ? [x] : []));
}

describe("runs of spaces in static figures", () => {
  const chain = ["(1, 1, 4, 4)  ->  (1, 1, 8, 8)", "   (1, 1, 8, 8)    stride 2"];

  it("keeps every space of a run in the SVG text (no-break spaces, xml:space preserve), single spaces stay plain", () => {
    const svg = sceneToSvg(textScene(chain));
    const contents = textContents(svg);
    expect(contents).toHaveLength(2);
    // What a browser shows: no-break spaces keep their width; nothing collapses.
    expect(contents.map((c) => c.replace(/\u00a0/g, " "))).toEqual(chain);
    for (const c of contents) expect(c).not.toMatch(/ {2}|^ | $/);
    expect(contents[0]).toContain("(1, 1, 4, 4)\u00a0\u00a0->\u00a0\u00a0(1, 1, 8, 8)");
    expect(svg.match(/xml:space="preserve"/g)).toHaveLength(2);
    // Text without runs is written as before.
    expect(sceneToSvg(textScene(["stride = 2"]))).toContain(">stride = 2</text>");
    expect(sceneToSvg(textScene(["stride = 2"]))).not.toContain("xml:space");
  });

  it("makes leading and trailing spaces and tabs survive too", () => {
    expect(preserveSpaces(" a b ")).toBe("\u00a0a b\u00a0");
    expect(preserveSpaces("a\tb")).toBe("a" + "\u00a0".repeat(7) + "b");
    expect(expandTabs("abc\td\te")).toBe("abc     d       e");
    expect(preserveSpaces("")).toBe("");
  });

  it("lines up columns in the PNG: each extra space moves the rest of the line by one character", () => {
    const draw = (line: string): number[] => inkedColumnStarts(rasterizeScene(textScene([line], { size: 12 }), 1));
    const one = draw("a b");
    const three = draw("a   b");
    expect(one).toHaveLength(2);
    expect(three).toHaveLength(2);
    expect(three[0]).toBe(one[0]);
    const advance = (three[1] - one[1]) / 2;
    expect(advance).toBeGreaterThan(0);
    // Two lines whose second column starts at the same character index start at the same pixel.
    const aligned = rasterizeScene(textScene(["ab  c", "a   c"], { size: 12 }), 1);
    const rowStarts = (y0: number, y1: number): number[] => {
      const band: RgbImage = {
        width: aligned.width,
        height: y1 - y0,
        pixels: aligned.pixels.subarray(y0 * aligned.width * 3, y1 * aligned.width * 3),
      };
      return inkedColumnStarts(band);
    };
    const half = Math.floor(aligned.height / 2);
    expect(rowStarts(0, half).at(-1)).toBe(rowStarts(half, aligned.height).at(-1));
  });
});
