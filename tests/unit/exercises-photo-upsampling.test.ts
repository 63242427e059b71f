// Exercises of notebook 11: the sharpest edge and the convention that fits top-left sampling, each judged by computing.
import { describe, expect, it } from "vitest";
import { detailedTestImage, EDGE_METHODS, edgeWidth, sampledConvention, sharpestEdge, uniformError } from "../../src/exercises";
import { Tensor } from "../../src/tensor";

describe("sharpestEdge", () => {
  it("is right only for nearest neighbour, which never mixes two input pixels", () => {
    expect(EDGE_METHODS.filter((method) => sharpestEdge({ method }).correct)).toEqual(["nearest"]);
    const hint = sharpestEdge({ method: "bilinear, half-pixel" });
    expect(hint.message).toContain("2 pixels wide");
    expect(hint.message).not.toMatch(/nearest/);
    expect(sharpestEdge({ method: "bed of nails" }).message).toMatch(/^method must be one of "nearest"/);
  });

  it("measures an edge's width as the pixels strictly between 10% and 90%", () => {
    const ramp = new Tensor(
      Float32Array.from({ length: 32 * 32 }, (_, i) => Math.min(1, Math.max(0, ((i % 32) - 10) / 5))),
      [32, 32],
    );
    expect(edgeWidth(ramp)).toBe(4); // 0.2, 0.4, 0.6, 0.8
  });
});

describe("sampledConvention", () => {
  it("is right only for the asymmetric convention, and the test image is detailed", () => {
    expect(
      ["half-pixel", "align-corners", "asymmetric"].filter((coordinates) => sampledConvention({ coordinates }).correct),
    ).toEqual(["asymmetric"]);
    expect(sampledConvention({ coordinates: "half-pixel" }, "vi").message).toMatch(/dB; có quy ước tốt hơn/);
    expect(sampledConvention({ coordinates: "nearest" }).message).toMatch(/^coordinates must be one of/);
    expect(detailedTestImage().shape).toEqual([1, 1, 64, 64]);
  });
});

describe("uniformError", () => {
  it("is right for 10·log10(1 / 0.05²) and wrong for the error's own logarithm or the RMSE's", () => {
    expect(uniformError({ psnr: 10 * Math.log10(1 / 0.0025) }).correct).toBe(true);
    for (const wrong of [10 * Math.log10(1 / 0.05), 20, 10 * Math.log(1 / 0.0025)]) {
      expect(uniformError({ psnr: wrong }).correct, String(wrong)).toBe(false);
    }
    expect(uniformError({ psnr: 13 }).message).not.toMatch(/26/);
    expect(uniformError({ psnr: Number.POSITIVE_INFINITY }).message).toBe("psnr must be a finite number; it is Infinity.");
  });
});
