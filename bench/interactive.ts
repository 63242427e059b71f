/**
 * The interactive case of issue 7: what one widget interaction costs for a 64x64 explainer
 * state — recompute the transposed convolution, its overlap-count map and the contributions to
 * the selected output pixel, then render the output heatmap as an SVG document.
 */
import { contributions, convTranspose2d, heatmapSvg, overlapCounts, randn } from "../src";

/** The 64x64 state: input, 3x3 kernel, stride 2, padding 1 (output 127x127), a selected pixel. */
export function interactiveCase(): { run: () => string; describe: string } {
  const x = randn([64, 64], { seed: 51 });
  const kernel = randn([3, 3], { seed: 52 });
  const options = { stride: 2, padding: 1 };
  const selected: [number, number] = [63, 64];
  return {
    describe: "64x64 input, 3x3 kernel, s2 p1: recompute output, overlap counts, contributions, render SVG",
    run: () => {
      const y = convTranspose2d(x, kernel, options);
      const counts = overlapCounts({ inputSize: 64, kernelSize: 3, ...options });
      const terms = contributions(x, kernel, options, selected);
      const svg = heatmapSvg(y, {
        title: `output; pixel (${selected[0]}, ${selected[1]}) = ${terms.formula.slice(0, 40)}`,
        highlights: [],
      });
      if (counts.shape[0] !== y.shape[0]) throw new Error("overlap map and output disagree in size");
      return svg;
    },
  };
}
