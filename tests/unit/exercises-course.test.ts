// Exercises of notebooks 1-5: right answers worked out here from the definitions (not from the
// library), wrong answers of each kind, and unanswered placeholders.
import { describe, expect, it } from "vitest";
import {
  decoderCost,
  flippedKernel,
  matchKeras,
  oddSize,
  poolIndices,
  predictBilinear,
  predictCentre,
  recoverKernel,
  stepSizes,
  strideOverlap,
  whichPixels,
} from "../../src/exercises";

/** Transposed convolution by its definition: every x[i][j]·k[a][b] added at (s·i + a, s·j + b). */
function scatter(x: number[][], k: number[][], s = 1): number[][] {
  const o = (x.length - 1) * s + k.length;
  const y = Array.from({ length: o }, () => new Array<number>(o).fill(0));
  x.forEach((row, i) => row.forEach((v, j) => k.forEach((kr, a) => kr.forEach((kv, b) => (y[s * i + a][s * j + b] += v * kv)))));
  return y;
}

describe("01.odd-size and 01.decoder-cost", () => {
  it("accepts only the paddings that give 7 -> 15 -> 30", () => {
    for (const a of [0, 1])
      for (const b of [0, 1]) {
        expect(oddSize({ outputPadding: [a, b] }).correct, `${a}, ${b}`).toBe(7 * 2 + a === 15 && 15 * 2 + b === 30);
      }
    expect(oddSize({ outputPadding: [0, 0] }).message).toContain("7 → 14 → 28");
    expect(oddSize({ outputPadding: [null, 0] }).answered).toBe(false);
    expect(oddSize({ outputPadding: [2, 0] }).message).toMatch(/each 0 or 1/);
  });

  it("counts 8·8·32·16·2·2 multiply-adds and says when every output pixel got a full window", () => {
    expect(decoderCost({ multiplyAdds: 8 * 8 * 32 * 16 * 4 }).correct).toBe(true);
    expect(decoderCost({ multiplyAdds: 16 * 16 * 32 * 16 * 4 }, "vi").message).toMatch(/không chồng lên nhau/);
    expect(decoderCost({ multiplyAdds: 1000 })).toMatchObject({ correct: false, answered: true });
    expect(decoderCost({ multiplyAdds: 1.5 }).message).toMatch(/whole number/);
  });
});

describe("02.predict-bilinear and 02.pool-indices", () => {
  it("wants the half-pixel value and names the other conventions' values", () => {
    // half-pixel: row 2 -> 0.75, column 3 -> 1.25 on arange(12) as 3x4: value = 4·0.75 + 1.25 = 4.25
    expect(predictBilinear({ value: 4 * 0.75 + 1.25 }).correct).toBe(true);
    // asymmetric: row 1, column 1.5 -> 5.5; align-corners: row 2·2/5 = 0.8, column 3·3/7 -> 4·0.8 + 9/7
    expect(predictBilinear({ value: 5.5 }).message).toMatch(/old TF1 mapping/);
    expect(predictBilinear({ value: 4 * 0.8 + 9 / 7 }).message).toMatch(/align-corners/);
    expect(predictBilinear({ value: 3 }).message).toMatch(/^Find the input position/);
    expect(predictBilinear({ value: null }, "vi").message).toMatch(/^Chưa có câu trả lời/);
  });

  it("wants flat indices in the plane, the first of a tie", () => {
    // windows: {2,7,4,3} max 7 at (0,1) = 1; {1,0,5,6} 6 at (1,3) = 7; {8,1,0,9} 9 at (3,1) = 13; {0,2,3,3} first 3 at (3,2) = 14
    expect(
      poolIndices({
        indices: [
          [1, 7],
          [13, 14],
        ],
      }).correct,
    ).toBe(true);
    expect(
      poolIndices({
        indices: [
          [1, 7],
          [13, 15],
        ],
      }).message,
    ).toMatch(/^1 of the 4 indices differ.*first one met/);
    expect(
      poolIndices({
        indices: [
          [1, 3],
          [2, 2],
        ],
      }).message,
    ).toMatch(/^3 of the 4/);
    expect(
      poolIndices({
        indices: [
          [1, 7, 0],
          [13, 14],
        ] as number[][],
      }).message,
    ).toMatch(/must be 2 rows of 2 numbers/);
  });
});

describe("03: predict-centre, which-pixels, recover-kernel", () => {
  it("wants the full sum at the centre, and recognises a single block's term", () => {
    const y = scatter(
      [
        [1, 2],
        [3, 1],
      ],
      [
        [2, 0],
        [1, 3],
      ],
    );
    for (let v = -2; v <= 15; v++) expect(predictCentre({ value: v }).correct, `${v}`).toBe(v === y[1][1]);
    expect(predictCentre({ value: 1 * 3 }).message).toMatch(/one product block/);
  });

  it("wants exactly the input pixels whose blocks cover (1, 2)", () => {
    expect(
      whichPixels({
        pixels: [
          [0, 1],
          [0, 2],
          [1, 1],
          [1, 2],
        ],
      }).correct,
    ).toBe(true);
    expect(
      whichPixels({
        pixels: [
          [1, 2],
          [0, 2],
          [1, 1],
          [0, 1],
        ],
      }).correct,
    ).toBe(true);
    expect(
      whichPixels({
        pixels: [
          [0, 1],
          [0, 2],
          [1, 2],
        ],
      }).message,
    ).toMatch(/^1 missing, 0 that do not reach it/);
    expect(
      whichPixels({
        pixels: [
          [0, 0],
          [0, 1],
          [0, 2],
          [1, 1],
          [1, 2],
        ],
      }).message,
    ).toMatch(/^0 missing, 1 that do not/);
    expect(whichPixels({ pixels: [[0, 1.5]] }).message).toMatch(/pairs/);
  });

  it("wants the kernel whose scatter gives y", () => {
    const kernel = [
      [1, -1],
      [2, 0],
    ];
    expect(
      scatter(
        [
          [1, 2],
          [3, 4],
        ],
        kernel,
      ),
    ).toEqual([
      [1, 1, -2],
      [5, 5, -4],
      [6, 8, 0],
    ]);
    expect(recoverKernel({ kernel }).correct).toBe(true);
    expect(
      recoverKernel({
        kernel: [
          [1, -1],
          [0, 2],
        ],
      }).message,
    ).toMatch(/of the 9 output values differ.*corners/);
    expect(
      recoverKernel({
        kernel: [
          [1, null],
          [2, 0],
        ] as unknown as number[][],
      }).answered,
    ).toBe(false);
  });
});

describe("04: stride-overlap and match-keras", () => {
  it("wants y[2, 2] of the stride-2 scatter", () => {
    const y = scatter(
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 2, 0],
        [0, 1, 1],
        [2, 0, 1],
      ],
      2,
    );
    expect(y[2][2]).toBe(1 * 1 + 2 * 2 + 3 * 0 + 4 * 1);
    for (let v = 0; v <= 20; v++) expect(strideOverlap({ value: v }).correct).toBe(v === y[2][2]);
  });

  it("accepts only padding 1 without output padding for k = 4, s = 2", () => {
    for (let padding = 0; padding <= 3; padding++)
      for (let outputPadding = 0; outputPadding <= 1; outputPadding++) {
        expect(matchKeras({ padding, outputPadding }).correct, `${padding}, ${outputPadding}`).toBe(
          padding === 1 && outputPadding === 0,
        );
      }
    expect(matchKeras({ padding: 0, outputPadding: 0 }).message).toMatch(/PyTorch gives 8x8, Keras 6x6/);
    expect(matchKeras({ padding: 1, outputPadding: 2 }).message).toMatch(/smaller than the stride/);
    expect(matchKeras({ padding: null, outputPadding: 0 }).answered).toBe(false);
  });
});

describe("05: step-sizes and flipped-kernel", () => {
  it("wants (4 - 1)·3 + 1 = 10 and 10 + 2·2 = 14", () => {
    expect(stepSizes({ stretched: 10, padded: 14 }).correct).toBe(true);
    expect(stepSizes({ stretched: 12, padded: 16 }).message).toMatch(/between neighbouring pixels/);
    expect(stepSizes({ stretched: 10, padded: 10 }).message).toMatch(/pads every side/);
  });

  it("wants the kernel rotated by 180 degrees, and tells the unrotated kernel apart", () => {
    expect(
      flippedKernel({
        kernel: [
          [6, 0, 5],
          [4, 3, 0],
          [0, 2, 1],
        ],
      }).correct,
    ).toBe(true);
    expect(
      flippedKernel({
        kernel: [
          [1, 2, 0],
          [0, 3, 4],
          [5, 0, 6],
        ],
      }).message,
    ).toMatch(/kernel unchanged/);
    expect(
      flippedKernel({
        kernel: [
          [0, 2, 1],
          [4, 3, 0],
          [6, 0, 5],
        ],
      }).message,
    ).toMatch(/^The result differs/);
  });
});
