import { describe, expect, it } from "vitest";
import { inflateSync } from "node:zlib";
import { arange, full, randn, tensor } from "../../src/tensor";
import {
  adler32,
  base64Encode,
  colorAt,
  crc32,
  heatmapFigures,
  heatmapPng,
  heatmapScene,
  heatmapSvg,
  relativeLuminance,
  rgbHex,
  stackScenes,
  textScene,
  textColorOn,
  zlibCompress,
  encodePng,
  rasterizeScene,
  sceneToSvg,
  type Scene,
} from "../../src/figure";
import { glyph, hasGlyph } from "../../src/figure/bitmapFont";
import { decodePng, pixelAt } from "./figure-png-decoder";

function texts(svg: string, role: string): string[] {
  const re = new RegExp(`<text class="${role}"[^>]*>([^<]*)</text>`, "g");
  return [...svg.matchAll(re)].map((m) => m[1]);
}

type Box = Exclude<Scene["primitives"][number], { kind: "text" } | { kind: "polyline" }>;

function rectsOf(scene: Scene, role: string): Box[] {
  return scene.primitives.filter((p): p is Box => p.role === role && p.kind !== "text");
}

describe("heatmapSvg", () => {
  it("prints every value of the map in its cell, and every row and column index", () => {
    const t = tensor([
      [0, 1.5, -2],
      [3.25, 4, 1e-4],
      [100, -0.5, 7],
    ]);
    const svg = heatmapSvg(t, { title: "A & B <map>" });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(texts(svg, "value")).toEqual(["0", "1.5", "−2", "3.25", "4", "0.0001", "100", "−0.5", "7"]);
    expect(texts(svg, "row-index")).toEqual(["0", "1", "2"]);
    expect(texts(svg, "col-index")).toEqual(["0", "1", "2"]);
    expect(texts(svg, "title")).toEqual(["A &amp; B &lt;map&gt;"]);
    expect(svg).not.toContain("<script");
  });

  it("colours cells monotonically: a larger value never gets a darker viridis colour", () => {
    const t = arange(0, 64).reshape([8, 8]);
    const scene = heatmapScene("test", t);
    const fills = rectsOf(scene, "cell").map((p) => (p.kind === "rect" ? p.fill! : ([0, 0, 0] as const)));
    expect(fills).toHaveLength(64);
    const lum = fills.map((f) => relativeLuminance(f));
    for (let i = 1; i < lum.length; i++) expect(lum[i]).toBeGreaterThanOrEqual(lum[i - 1]);
    expect(rgbHex(fills[0])).toBe("#440154");
    expect(rgbHex(fills[63])).toBe("#fde725");
  });

  it("has a viridis scale whose lightness rises and an RdBu scale whose lightness falls away from 0", () => {
    let prev = -1;
    for (let k = 0; k <= 200; k++) {
      const l = relativeLuminance(colorAt("viridis", k / 200));
      expect(l).toBeGreaterThanOrEqual(prev);
      prev = l;
    }
    for (let k = 0; k < 100; k++) {
      expect(relativeLuminance(colorAt("rdbu", 0.5 + (k + 1) / 200))).toBeLessThanOrEqual(
        relativeLuminance(colorAt("rdbu", 0.5 + k / 200)) + 1e-9,
      );
      expect(relativeLuminance(colorAt("rdbu", 0.5 - (k + 1) / 200))).toBeLessThanOrEqual(
        relativeLuminance(colorAt("rdbu", 0.5 - k / 200)) + 1e-9,
      );
    }
  });

  it("centres the diverging RdBu scale on zero for signed data", () => {
    const scene = heatmapScene("test", tensor([[-1, 0, 4]]), { colorscale: "RdBu" });
    const [neg, zero, pos] = rectsOf(scene, "cell").map((p) => (p.kind === "rect" ? p.fill! : ([0, 0, 0] as const)));
    expect(rgbHex(zero)).toBe("#f7f7f7");
    expect(neg[2]).toBeGreaterThan(neg[0]); // bluish
    expect(pos[0]).toBeGreaterThan(pos[2]); // reddish
    expect(texts(heatmapSvg(tensor([[-1, 0, 4]]), { colorscale: "RdBu" }), "colorbar-label")).toContain("−4");
  });

  it("picks the text colour with the better contrast", () => {
    expect(textColorOn([68, 1, 84])).toEqual([255, 255, 255]);
    expect(textColorOn([253, 231, 37])).toEqual([17, 17, 17]);
    const svg = heatmapSvg(tensor([[0, 1]]));
    expect(svg).toMatch(/<text class="value"[^>]*fill="#ffffff"[^>]*>0<\/text>/);
    expect(svg).toMatch(/<text class="value"[^>]*fill="#111111"[^>]*>1<\/text>/);
  });

  it("draws a colour bar with ticks inside the range", () => {
    const svg = heatmapSvg(
      tensor([
        [0, 10],
        [5, 3],
      ]),
    );
    expect(texts(svg, "colorbar-label")).toEqual(["0", "2", "4", "6", "8", "10"]);
    expect(svg.match(/class="colorbar"/g)?.length).toBe(48);
    expect(heatmapSvg(tensor([[2, 2]]))).toContain("colorbar-label");
  });

  it("draws highlights as outlines or shades, with colours and labels, clipped to the map", () => {
    const t = arange(0, 16).reshape([4, 4]);
    const svg = heatmapSvg(t, {
      highlights: [
        { row: 1, col: 1, width: 2, height: 2, color: "#ff8800", label: "kernel window" },
        { row: 3, col: 0, style: "shade", color: "blue" },
        { row: -1, col: -1, width: 6, height: 6, color: "red", label: "cropped" },
        { row: 10, col: 10 },
      ],
    });
    const hl = [...svg.matchAll(/<rect class="highlight"[^>]*\/>/g)].map((m) => m[0]);
    expect(hl).toHaveLength(3);
    expect(hl[0]).toContain('stroke="#ff8800"');
    expect(hl[0]).toContain('fill="none"');
    expect(svg.match(/class="highlight-shade"[^>]*fill="#0000ff"/g)).toHaveLength(4);
    expect(hl[1]).toContain('stroke="#0000ff"');
    // A shade fills only bands along its border: the cell's own colour stays readable inside.
    const cell = [...svg.matchAll(/<rect class="cell" x="([^"]+)" y="([^"]+)" width="([^"]+)"/g)][12];
    const bands = [
      ...svg.matchAll(
        /<rect class="highlight-shade" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)" fill="#0000ff" fill-opacity="0.5"/g,
      ),
    ];
    const covered = bands.reduce((a, b) => a + Number(b[3]) * Number(b[4]), 0);
    expect(covered / Number(cell[3]) ** 2).toBeLessThan(0.7);
    expect(texts(svg, "highlight-label")).toEqual(["kernel window", "cropped"]);
  });

  it("draws NaN and infinities hatched, names them in a legend, and keeps the colour range finite", () => {
    const t = tensor([
      [0, NaN, 2],
      [Infinity, -Infinity, NaN],
    ]);
    const svg = heatmapSvg(t);
    expect(svg).toContain('fill="url(#hatch-nan)"');
    expect(svg).toContain('fill="url(#hatch-posinf)"');
    expect(svg).toContain('fill="url(#hatch-neginf)"');
    expect(svg).toContain('<pattern id="hatch-nan"');
    expect(texts(svg, "value")).toEqual(["0", "2"]);
    expect(texts(svg, "mark")).toEqual(["NaN", "+∞", "−∞", "NaN"]);
    const notes = texts(svg, "note");
    expect(notes).toContain("NaN: 2 cells, grey hatched, outside the colour scale");
    expect(notes).toContain("+Infinity (+∞): 1 cell, red hatched, outside the colour scale");
    expect(notes).toContain("-Infinity (−∞): 1 cell, blue hatched, outside the colour scale");
    expect(texts(svg, "colorbar-label")).toEqual(["0", "0.5", "1", "1.5", "2"]);
    expect(svg).not.toMatch(/NaN"/); // no NaN coordinates anywhere
    expect(heatmapSvg(full([2, 2], NaN))).toContain("NaN: 4 cells");
  });

  it("downsamples a 2048x2048 map with a note, labels off, and a bounded size", () => {
    const t = randn([2048, 2048], { seed: 1 });
    const scene = heatmapScene("test", t);
    expect(rectsOf(scene, "cell")).toHaveLength(128 * 128);
    const svg = heatmapSvg(t);
    expect(texts(svg, "value")).toHaveLength(0);
    // Indices of the full map, as the live view's axes show them.
    expect(texts(svg, "row-index").slice(0, 2)).toEqual(["0", "200"]);
    expect(texts(svg, "note")[0]).toBe(
      "Downsampled from 2048×2048 to 128×128 cells, each the mean of a 16×16 block (NaN/±∞ left out); values not printed",
    );
    expect(svg.length).toBeLessThan(1_500_000);
  });

  it("hides values automatically when cells are too small, with a note", () => {
    const svg = heatmapSvg(randn([90, 90]));
    expect(texts(svg, "value")).toHaveLength(0);
    expect(texts(svg, "note")).toContain("Values hidden: the cells are too small to print them");
    expect(texts(heatmapSvg(tensor([[1, 2]]), { showValues: false }), "value")).toHaveLength(0);
  });

  it("draws (C, H, W) as a grid of channels with one shared colour bar", () => {
    const t = tensor([
      [
        [0, 1],
        [2, 3],
      ],
      [
        [10, 11],
        [12, 13],
      ],
      [
        [-5, 0],
        [0, 5],
      ],
    ]);
    const svg = heatmapSvg(t, { channelTitles: ["red", "green"] });
    expect(texts(svg, "channel-title")).toEqual(["red", "green", "channel 2"]);
    expect(texts(svg, "value")).toHaveLength(12);
    expect(svg.match(/class="colorbar"/g)?.length).toBe(48);
    expect(texts(svg, "colorbar-label")[0]).toBe("−5");
    const hl = heatmapSvg(t, { highlights: [{ row: 0, col: 0, channel: 1 }] });
    expect(hl.match(/class="highlight"/g)?.length).toBe(1);
  });

  it("rejects bad input with errors naming the parameter and the value", () => {
    expect(() => heatmapSvg(full([1, 2, 2, 2, 2], 0))).toThrow(/rank 2 \[h, w\] or 3 \[c, h, w\].*got shape \[1, 2, 2, 2, 2\]/);
    expect(() => heatmapSvg(tensor([[1]]), { colour: "red" } as never)).toThrow(/unknown option 'colour'/);
    expect(() => heatmapSvg(tensor([[1]]), { colorscale: "jet" })).toThrow(
      /colorscale must be one of 'Viridis', 'RdBu', 'Greys', got 'jet'/,
    );
    expect(() => heatmapSvg(tensor([[1]]), { zmin: 2, zmax: 1 })).toThrow(/zmin must be less than zmax/);
    expect(() => heatmapSvg(tensor([[1]]), { zmin: NaN })).toThrow(/zmin must be a finite number/);
    expect(() => heatmapSvg(tensor([[1]]), { cellSize: 1000 })).toThrow(/cellSize .* 2\.\.200/);
    expect(() => heatmapSvg(tensor([[1]]), { highlights: [{ row: 0.5, col: 0 }] })).toThrow(
      /highlights\[0\]: row must be an integer/,
    );
    expect(() => heatmapSvg(tensor([[1]]), { highlights: [{ row: 0, col: 0, color: "notacolour" }] })).toThrow(
      /highlights\[0\].color must be a CSS colour/,
    );
    expect(() => heatmapSvg(full([0, 3], 0))).toThrow(/empty tensor/);
    expect(() => heatmapSvg([[1, 2]] as never)).toThrow(/expected a Tensor/);
  });
});

describe("heatmapPng", () => {
  it("writes a valid PNG: signature, chunks with correct CRCs, an IDAT that inflates to the image", () => {
    const png = heatmapPng(
      tensor([
        [0, 1],
        [2, 3],
      ]),
      { title: "tiny" },
    );
    const img = decodePng(png);
    expect(img.chunkTypes).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(img.colorType).toBe(2);
    expect(img.bitDepth).toBe(8);
    const scene = heatmapScene(
      "test",
      tensor([
        [0, 1],
        [2, 3],
      ]),
      { title: "tiny" },
    );
    expect(img.width).toBe(scene.width * 2);
    expect(img.height).toBe(scene.height * 2);
  });

  it("paints each cell in its scale colour and the values in the bitmap font", () => {
    const t = tensor([
      [0, 1],
      [2, 3],
    ]);
    const scene = heatmapScene("test", t);
    const img = decodePng(heatmapPng(t, { pixelRatio: 1 }));
    for (const cell of rectsOf(scene, "cell")) {
      if (cell.kind !== "rect") continue;
      // A corner pixel of the cell (away from the centred value text and the frame).
      expect(pixelAt(img, Math.round(cell.x + 3), Math.round(cell.y + 3))).toEqual([...cell.fill!]);
      // The value text puts pixels of the text colour near the cell centre.
      const textColor = textColorOn(cell.fill!);
      let found = false;
      for (let y = Math.round(cell.y + cell.h / 2 - 6); y < cell.y + cell.h / 2 + 6; y++) {
        for (let x = Math.round(cell.x + 4); x < cell.x + cell.w - 4; x++) {
          if (pixelAt(img, x, y).every((v, k) => v === textColor[k])) found = true;
        }
      }
      expect(found).toBe(true);
    }
  });

  it("draws highlight outlines and hatched NaN cells into the pixels", () => {
    const t = tensor([
      [0, NaN],
      [2, 3],
    ]);
    const scene = heatmapScene("test", t, { highlights: [{ row: 1, col: 0, color: "#00ff00" }] });
    const img = decodePng(heatmapPng(t, { highlights: [{ row: 1, col: 0, color: "#00ff00" }], pixelRatio: 1 }));
    const hl = rectsOf(scene, "highlight")[0];
    expect(pixelAt(img, Math.round(hl.x), Math.round(hl.y + hl.h / 2))).toEqual([0, 255, 0]);
    const nanCell = scene.primitives.find((p) => p.kind === "hatch" && p.role === "cell")!;
    const colours = new Set<string>();
    for (let x = 0; x < 12; x++) colours.add(pixelAt(img, Math.round(nanCell.x + 2 + x), Math.round(nanCell.y + 2)).join(","));
    expect(colours).toContain("200,200,200");
    expect(colours).toContain("110,110,110");
  });

  it("handles a downsampled 2048x2048 map quickly enough to stay small", () => {
    const png = heatmapPng(randn([2048, 2048], { seed: 2 }));
    const img = decodePng(png);
    expect(img.width).toBeLessThan(2000);
    expect(png.length).toBeLessThan(400_000);
  });

  it("rejects a bad pixel ratio", () => {
    expect(() => heatmapPng(tensor([[1]]), { pixelRatio: 0.5 })).toThrow(/pixelRatio must be an integer in 1..4, got 0.5/);
  });

  it("returns SVG, base64 PNG and the CSS size together", () => {
    const f = heatmapFigures(tensor([[1, 2]]));
    expect(f.svg).toContain("<svg");
    const bytes = Buffer.from(f.pngBase64, "base64");
    expect(decodePng(new Uint8Array(bytes)).width).toBe(f.width * 2);
  });
});

describe("zlib, checksums and base64 written for the PNG encoder", () => {
  const cases: [string, Uint8Array][] = [
    ["empty", new Uint8Array(0)],
    ["one byte", new Uint8Array([7])],
    ["runs", new Uint8Array(100_000).map((_, i) => Math.floor(i / 1000) % 7)],
    ["random", new Uint8Array(70_000).map((_, i) => (Math.imul(i, 2654435761) >>> 13) & 0xff)],
    ["text", new TextEncoder().encode("transposed convolution ".repeat(500))],
  ];
  for (const [name, data] of cases) {
    it(`round-trips ${name} data through Node's inflate, fixed-Huffman and stored`, () => {
      for (const mode of ["fixed", "stored"] as const) {
        const z = zlibCompress(data, mode);
        expect((z[0] * 256 + z[1]) % 31).toBe(0);
        expect(new Uint8Array(inflateSync(z))).toEqual(data);
      }
    });
  }

  it("compresses repetitive data", () => {
    expect(zlibCompress(new Uint8Array(100_000)).length).toBeLessThan(2_000);
  });

  it("computes the published CRC-32 and Adler-32 check values", () => {
    const s = new TextEncoder().encode("123456789");
    expect(crc32(s)).toBe(0xcbf43926);
    expect(adler32(new TextEncoder().encode("Wikipedia"))).toBe(0x11e60398);
  });

  it("encodes base64 like Node does", () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100]) {
      const b = new Uint8Array(n).map((_, i) => (i * 37 + 11) & 0xff);
      expect(base64Encode(b)).toBe(Buffer.from(b).toString("base64"));
    }
  });
});

describe("a tensor's Jupyter display", () => {
  const displayOf = (t: ReturnType<typeof tensor>): Record<string, string> =>
    (t as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]();

  it("carries the static heatmap as SVG and PNG beside text and HTML", () => {
    const bundle = displayOf(
      tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(Object.keys(bundle).sort()).toEqual(["image/png", "image/svg+xml", "text/html", "text/plain"]);
    expect(texts(bundle["image/svg+xml"], "value")).toEqual(["1", "2", "3", "4"]);
    expect(decodePng(new Uint8Array(Buffer.from(bundle["image/png"], "base64"))).width).toBeGreaterThan(0);
  });

  it("omits the figure for shapes that are not feature maps", () => {
    expect(Object.keys(displayOf(tensor(3)))).toEqual(["text/plain", "text/html"]);
    expect(Object.keys(displayOf(full([2, 2, 2, 2], 1)))).toEqual(["text/plain", "text/html"]);
  });
});

describe("the PNG bitmap font", () => {
  it("has a glyph for every digit, sign, letter and the symbols titles use", () => {
    for (const ch of "0123456789+-.,:;=()[]<>%_ abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ·°→")
      expect(hasGlyph(ch), ch).toBe(true);
    const key = (ch: string) => JSON.stringify(glyph(ch));
    expect(new Set([..."0123456789"].map(key)).size).toBe(10);
    expect(key("a")).not.toBe(key("A"));
    expect(key("×")).toBe(key("x"));
    expect(key("é")).toBe(key("e"));
    expect(key("€")).toBe(key("?"));
    expect(glyph("g")).toHaveLength(9);
    expect(glyph("A")).toHaveLength(7);
  });
});

describe("composed scenes", () => {
  it("stacks scenes in rows and columns, shifting every primitive and adding up the maps", () => {
    const a = heatmapScene("t", tensor([[1, 2]]));
    const b = heatmapScene("t", tensor([[3], [4]]));
    const row = stackScenes([a, b], "row", 10);
    expect(row.width).toBe(a.width + 10 + b.width);
    expect(row.height).toBe(Math.max(a.height, b.height));
    expect(row.mapCount).toBe(2);
    const firstOfB = b.primitives[0];
    expect(row.primitives[a.primitives.length]).toMatchObject({ x: firstOfB.x + a.width + 10, y: firstOfB.y });
    const caption = textScene(["stride = 2"]);
    const col = stackScenes([caption, textScene(["padding = 1"]), a], "column", 10);
    expect(col.height).toBe(caption.height * 2 + 10 + a.height);
    expect(col.mapCount).toBe(1);
    const svg = sceneToSvg(col);
    expect(svg).toContain(">stride = 2</text>");
    expect(svg).toContain(">padding = 1</text>");
    expect(decodePng(encodePng(rasterizeScene(col, 1))).height).toBe(col.height);
  });

  it("wraps long caption lines at spaces", () => {
    const long =
      "Step 2/4: x[0, 1] = 2; the block 2 × kernel lands at output row -1, column 1 (5 of its entries fall in the padding and are cropped)";
    const scene = textScene([long], { maxChars: 60 });
    const lines = scene.primitives.map((p) => (p.kind === "text" ? p.text : ""));
    expect(lines.length).toBe(3);
    expect(lines.every((l) => l.length <= 60)).toBe(true);
    expect(lines.join(" ")).toBe(long);
  });
});
