// Exercises of notebook 12, against references written here: the pixel shuffle's index rule
// (PyTorch's definition), the phase count of a stride-s kernel, and the per-phase sums of the sub-kernels.
import { describe, expect, it } from "vitest";
import { flatStart, shuffleSource, subPixelShape } from "../../src/exercises";

describe("shuffleSource", () => {
  it("is right exactly for the element PyTorch's rule names: channel c*r*r + i*r + j at (h, w)", () => {
    // output (c, h*r + i, w*r + j) <- input (c*r*r + i*r + j, h, w), r = 2, output pixel (1, 3, 4)
    const [c, oh, ow, r] = [1, 3, 4, 2];
    const expected = { channel: c * r * r + (oh % r) * r + (ow % r), row: Math.floor(oh / r), col: Math.floor(ow / r) };
    for (let channel = 0; channel < 8; channel++)
      for (let row = 0; row < 3; row++)
        for (let col = 0; col < 3; col++) {
          const isExpected = channel === expected.channel && row === expected.row && col === expected.col;
          expect(shuffleSource({ channel, row, col }).correct, JSON.stringify({ channel, row, col })).toBe(isExpected);
        }
    expect(shuffleSource({ channel: 8, row: 0, col: 0 }).message).toBe(
      "channel must be a whole number from 0 to 7 (x has shape [1, 8, 3, 3]); it is 8.",
    );
    expect(shuffleSource({ channel: 1.5, row: 0, col: 0 }).correct).toBe(false);
    expect(shuffleSource({ channel: null, row: 1, col: 2 }).answered).toBe(false);
    const wrong = shuffleSource({ channel: 0, row: 0, col: 0 }, "vi");
    expect(wrong.message).toMatch(/^Chưa phải phần tử này/);
    expect(wrong.message).not.toContain(`${expected.channel} tại`);
  });
});

describe("subPixelShape", () => {
  it("is right for s*s channels and ceil(k/s) taps, and says which part is wrong", () => {
    const [k, s] = [5, 3];
    for (let channels = 1; channels <= 12; channels++)
      for (let kernelSize = 1; kernelSize <= 5; kernelSize++) {
        const ok = channels === s * s && kernelSize === Math.ceil(k / s);
        expect(subPixelShape({ channels, kernelSize }).correct, `${channels}, ${kernelSize}`).toBe(ok);
      }
    expect(subPixelShape({ channels: 3, kernelSize: 2 }).message).toMatch(/^The number of channels is not right/);
    expect(subPixelShape({ channels: 9, kernelSize: 5 }).message).toMatch(/^The channels are right/);
    expect(subPixelShape({ channels: "9" as unknown as number, kernelSize: 2 }).message).toBe(
      'channels must be a whole number; it is "9".',
    );
    expect(subPixelShape({ channels: null, kernelSize: null }, "vi").answered).toBe(false);
  });
});

describe("flatStart", () => {
  it("is right when the four sub-kernel sums are equal (and the sub-kernels not all copies of one), wrong otherwise", () => {
    const sums = (k: number[][][]) => k.map((m) => m.flat().reduce((a, b) => a + b, 0));
    const candidates: number[][][][] = [
      [
        [
          [1, 0],
          [0, 0],
        ],
        [
          [0, 1],
          [0, 0],
        ],
        [
          [0, 0],
          [1, 0],
        ],
        [
          [0, 0],
          [0, 1],
        ],
      ],
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [4, 3],
          [2, 1],
        ],
        [
          [10, 0],
          [0, 0],
        ],
        [
          [0, 0],
          [5, 5],
        ],
      ],
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 5],
        ],
      ],
      [
        [
          [0.5, -1],
          [2, 0],
        ],
        [
          [1, 1],
          [-1, 0.5],
        ],
        [
          [0, 0],
          [0, 1.5],
        ],
        [
          [3, -3],
          [1, 0.5],
        ],
      ],
      [
        [
          [1, 0],
          [0, 0],
        ],
        [
          [0, 2],
          [0, 0],
        ],
        [
          [0, 0],
          [3, 0],
        ],
        [
          [0, 0],
          [0, 4],
        ],
      ],
    ];
    for (const k of candidates) {
      const s = sums(k);
      expect(flatStart({ kernels: k }).correct, JSON.stringify(k)).toBe(s.every((v) => Math.abs(v - s[0]) < 1e-12));
    }
    expect(
      flatStart({
        kernels: Array.from({ length: 4 }, () => [
          [1, -2],
          [0.5, 3],
        ]),
      }).message,
    ).toMatch(/that is ICNR/);
    expect(
      flatStart({
        kernels: Array.from({ length: 4 }, () => [
          [1, 1],
          [1, 1],
        ]),
      }).correct,
    ).toBe(false);
    expect(
      flatStart({
        kernels: [
          [
            [1, -1],
            [0, 0],
          ],
          [
            [0, 0],
            [2, -2],
          ],
          [
            [3, -3],
            [0, 0],
          ],
          [
            [0, 0],
            [0, 0],
          ],
        ],
      }).message,
    ).toMatch(/all zeros/);
    expect(flatStart({ kernels: [[[1, 2]], [[1, 2]], [[1, 2]], [[1, 2]]] }).correct).toBe(false);
    expect(
      flatStart({
        kernels: [
          [
            [1, 2],
            [3, null as unknown as number],
          ],
          [
            [0, 0],
            [0, 0],
          ],
          [
            [0, 0],
            [0, 0],
          ],
          [
            [0, 0],
            [0, 0],
          ],
        ],
      }).answered,
    ).toBe(false);
    const hint = flatStart({ kernels: candidates[4] }, "vi");
    expect(hint.message).toMatch(/^Phần bên trong vẫn dao động/);
  });
});
