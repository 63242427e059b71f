// imagePng, imageGrid, cropImage and rgbToGray: encoded images read back with decodePng.
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { tensor, zeros } from "../../src/tensor";
import { cropImage, decodePng, imageGrid, imagePng, rgbToGray } from "../../src/image";

describe("imagePng", () => {
  it("round-trips an RGB image through decodePng (to 8 bits)", () => {
    const img = tensor([
      [
        [0, 0.5],
        [1, 0.25],
      ],
      [
        [1, 1],
        [0, 0],
      ],
      [
        [0.2, 0.4],
        [0.6, 0.8],
      ],
    ]);
    const back = decodePng(imagePng(img), inflateSync);
    expect(back.shape).toEqual([3, 2, 2]);
    for (let i = 0; i < img.size; i++) expect(Math.abs(back.data[i] - img.data[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-7);
  });
  it("draws greyscale as equal R, G, B and clips values outside [0, 1]", () => {
    const back = decodePng(imagePng(tensor([[-0.5, 1.7, NaN]])), inflateSync);
    expect(Array.from(back.data)).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 0]);
  });
  it("refuses other shapes", () => {
    expect(() => imagePng(zeros([4, 2, 2]))).toThrow(
      /imagePng: image must have shape \(3, H, W\), \(1, H, W\) or \(H, W\).*\[4, 2, 2\]/,
    );
  });
});

describe("imageGrid", () => {
  it("is an HTML figure with one PNG per item and its caption", () => {
    const g = imageGrid(
      [
        { image: zeros([3, 2, 4]), title: "a <b>" },
        { image: zeros([5, 5]), title: "grey" },
      ],
      { scale: 3, title: "Two" },
    );
    const bundle = g[Symbol.for("Jupyter.display")]();
    expect(bundle["text/html"]).toBe(g.html);
    expect(g.html.match(/<img src="data:image\/png;base64,/g)?.length).toBe(2);
    expect(g.html).toContain('width="12" height="6"');
    expect(g.html).toContain("a &lt;b&gt;");
    expect(bundle["text/plain"]).toBe("Two: a <b> [3, 2, 4], grey [5, 5]");
  });
  it("draws an item at its own scale when given", () => {
    const g = imageGrid(
      [
        { image: zeros([2, 2]), title: "a" },
        { image: zeros([2, 2]), title: "zoom", scale: 5 },
      ],
      { scale: 2 },
    );
    expect(g.html).toContain('width="4" height="4"');
    expect(g.html).toContain('width="10" height="10"');
    expect(() => imageGrid([{ image: zeros([2, 2]), title: "x", scale: 17 }])).toThrow(
      /items\[0\]\.scale must be an integer in 1..16, got 17/,
    );
  });
  it("checks its arguments", () => {
    expect(() => imageGrid([])).toThrow(/items must be a non-empty array/);
    expect(() => imageGrid([{ image: zeros([2, 2]), title: "x" }], { scale: 0 })).toThrow(
      /scale must be an integer in 1..16, got 0/,
    );
    expect(() => imageGrid([{ image: zeros([2, 2, 2]), title: "x" }])).toThrow(/items\[0\]\.image: image must have shape/);
  });
});

describe("cropImage and rgbToGray", () => {
  it("crops every channel", () => {
    const img = tensor([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [7, 8, 9],
        [10, 11, 12],
      ],
    ]);
    expect(cropImage(img, { top: 1, left: 1, height: 1, width: 2 }).toArray()).toEqual([[[5, 6]], [[11, 12]]]);
    expect(
      cropImage(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        { top: 0, left: 1, height: 2, width: 1 },
      ).toArray(),
    ).toEqual([[2], [4]]);
  });
  it("refuses a rectangle outside the image", () => {
    expect(() => cropImage(zeros([3, 4, 4]), { top: 2, left: 0, height: 3, width: 1 })).toThrow(
      /height must be an integer in 1..2 for an image of 4x4, got 3/,
    );
    expect(() => cropImage(zeros([3, 4, 4]), undefined as unknown as { top: 0; left: 0; height: 1; width: 1 })).toThrow(
      /options must be/,
    );
  });
  it("weights R, G, B by 0.299, 0.587, 0.114", () => {
    const g = rgbToGray(tensor([[[1, 0]], [[0, 1]], [[0, 1]]]));
    expect(g.shape).toEqual([1, 1, 2]);
    expect(g.data[0]).toBeCloseTo(0.299, 6);
    expect(g.data[1]).toBeCloseTo(0.701, 6);
    expect(() => rgbToGray(zeros([1, 2, 2]))).toThrow(/rgbToGray: image must be an RGB tensor of shape \(3, H, W\)/);
  });
});
