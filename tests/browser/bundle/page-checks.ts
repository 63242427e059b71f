/**
 * What the browser-bundle test runs inside the page: the article's worked examples on every
 * transposed-convolution algorithm, and a seeded sweep in which the four algorithms agree and the
 * WebAssembly and TypeScript kernels give equal results. The library arrives as a parameter (the
 * module the page imported from dist/browser/upsampling-lab.mjs), so this file bundles no copy of it.
 */
import type * as Lab from "../../../src";
import type { KernelPaths } from "./kernel-paths";

/** What the page hands back: how many checks ran, and each failure in words. */
export interface PageReport {
  checks: number;
  failures: string[];
  /** The WebAssembly kernels' build this engine runs, or null without SIMD. */
  wasmVariant: string | null;
  /** Multiply-adds of the sweep cases that ran on the WebAssembly kernel. */
  wasmCases: number;
}

type Grid = number[][];

/** The worked examples (worked-examples.md sections 3-5, 8): input, kernel, options and the literal result. */
function workedExamples(
  lab: typeof Lab,
): { name: string; run: (algorithm: Lab.ConvTranspose2dAlgorithm) => Grid; expected: Grid }[] {
  const x = lab.tensor([
    [0, 1],
    [2, 3],
  ]);
  const k = lab.tensor([
    [0, 1],
    [2, 3],
  ]);
  const x2 = lab.tensor([
    [1, 2],
    [3, 4],
  ]);
  const ones3 = lab.ones([3, 3]);
  const grid = (t: Lab.Tensor) => t.toArray() as Grid;
  return [
    {
      name: "section 3: stride 1",
      run: (algorithm) => grid(lab.convTranspose2d(x, k, { algorithm })),
      expected: [
        [0, 0, 1],
        [0, 4, 6],
        [4, 12, 9],
      ],
    },
    {
      name: "section 4: stride 2",
      run: (algorithm) => grid(lab.convTranspose2d(x, k, { algorithm, stride: 2 })),
      expected: [
        [0, 0, 0, 1],
        [0, 0, 2, 3],
        [0, 2, 0, 3],
        [4, 6, 6, 9],
      ],
    },
    {
      name: "section 5: padding 1",
      run: (algorithm) => grid(lab.convTranspose2d(x, k, { algorithm, padding: 1 })),
      expected: [[4]],
    },
    {
      name: "section 5 erratum: full 5x5",
      run: (algorithm) => grid(lab.convTranspose2d(x2, ones3, { algorithm, stride: 2 })),
      expected: [
        [1, 1, 3, 2, 2],
        [1, 1, 3, 2, 2],
        [4, 4, 10, 6, 6],
        [3, 3, 7, 4, 4],
        [3, 3, 7, 4, 4],
      ],
    },
    {
      name: "section 5 erratum: padding 1",
      run: (algorithm) => grid(lab.convTranspose2d(x2, ones3, { algorithm, stride: 2, padding: 1 })),
      expected: [
        [1, 3, 2],
        [4, 10, 6],
        [3, 7, 4],
      ],
    },
    {
      name: "section 5 erratum: padding 1, output padding 1",
      run: (algorithm) => grid(lab.convTranspose2d(x2, ones3, { algorithm, stride: 2, padding: 1, outputPadding: 1 })),
      expected: [
        [1, 3, 2, 2],
        [4, 10, 6, 6],
        [3, 7, 4, 4],
        [3, 7, 4, 4],
      ],
    },
    {
      name: "section 5 erratum: Keras 'same'",
      run: (algorithm) =>
        grid(
          lab
            .convTranspose2dKeras(x2.reshape([1, 2, 2, 1]), ones3.reshape([3, 3, 1, 1]), {
              strides: 2,
              padding: "same",
              algorithm,
            })
            .reshape([4, 4]),
        ),
      expected: [
        [1, 1, 3, 2],
        [1, 1, 3, 2],
        [4, 4, 10, 6],
        [3, 3, 7, 4],
      ],
    },
    {
      name: "section 8: Keras 'valid' with k < s",
      run: (algorithm) =>
        grid(
          lab
            .convTranspose2dKeras(x2.reshape([1, 2, 2, 1]), lab.ones([2, 2, 1, 1]), { strides: 3, padding: "valid", algorithm })
            .reshape([6, 6]),
        ),
      expected: [
        [1, 1, 0, 2, 2, 0],
        [1, 1, 0, 2, 2, 0],
        [0, 0, 0, 0, 0, 0],
        [3, 3, 0, 4, 4, 0],
        [3, 3, 0, 4, 4, 0],
        [0, 0, 0, 0, 0, 0],
      ],
    },
  ];
}

/** max |a - b| / max(1, max |b|) */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let scale = 1;
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
  }
  return worst / scale;
}

/** One seeded transposed-convolution case: operands and options. */
interface SweepCase {
  shape: [number, number, number, number];
  weightShape: [number, number, number, number];
  options: Lab.ConvTranspose2dOptions;
  seed: number;
}

/** `count` cases drawn from the library's own seeded generator (small sizes, every option). */
function sweepCases(lab: typeof Lab, count: number): SweepCase[] {
  const next = lab.seededRandom(2026);
  const pick = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const cases: SweepCase[] = [];
  for (let i = 0; i < count; i++) {
    const groups = pick(1, 2);
    const cin = groups * pick(1, 6);
    const cout = groups * pick(1, 6);
    const [kh, kw] = [pick(1, 5), pick(1, 5)];
    const [sh, sw] = [pick(1, 3), pick(1, 3)];
    const [dh, dw] = [pick(1, 2), pick(1, 2)];
    const padding: [number, number] = [pick(0, Math.floor(((kh - 1) * dh) / 2)), pick(0, Math.floor(((kw - 1) * dw) / 2))];
    const outputPadding: [number, number] = [pick(0, Math.max(sh, dh) - 1), pick(0, Math.max(sw, dw) - 1)];
    cases.push({
      shape: [pick(1, 2), cin, pick(1, 9), pick(1, 9)],
      weightShape: [cin, cout / groups, kh, kw],
      options: {
        stride: [sh, sw],
        padding,
        outputPadding,
        dilation: [dh, dw],
        groups,
        bias: i % 2 === 0 ? lab.randn([cout], { seed: i }) : undefined,
      },
      seed: 100 + i,
    });
  }
  return cases;
}

/** Runs every check; never throws (an exception is reported as a failure). */
export function runPageChecks(lab: typeof Lab, paths: KernelPaths): PageReport {
  const report: PageReport = { checks: 0, failures: [], wasmVariant: paths.wasmKernelVariant(), wasmCases: 0 };
  const check = (name: string, ok: () => boolean | string) => {
    report.checks++;
    try {
      const result = ok();
      if (result !== true) report.failures.push(`${name}${typeof result === "string" ? `: ${result}` : ""}`);
    } catch (error) {
      report.failures.push(`${name}: threw ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  for (const example of workedExamples(lab)) {
    for (const algorithm of lab.CONV_TRANSPOSE_ALGORITHMS) {
      check(`${example.name}, algorithm '${algorithm}'`, () => {
        const got = example.run(algorithm);
        return JSON.stringify(got) === JSON.stringify(example.expected) || `got ${JSON.stringify(got)}`;
      });
    }
  }
  check("a tensor's Jupyter display carries its heatmap", () => {
    const display = (
      lab.tensor([
        [1, 2],
        [3, 4],
      ]) as unknown as Record<symbol, () => Record<string, string>>
    )[Symbol.for("Jupyter.display")];
    const bundle = display?.call(
      lab.tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    return (
      (bundle !== undefined && bundle["image/svg+xml"].startsWith("<svg")) || `got ${JSON.stringify(Object.keys(bundle ?? {}))}`
    );
  });
  for (const c of sweepCases(lab, 40)) {
    const name = `sweep x ${c.shape.join("x")}, w ${c.weightShape.join("x")}, ${JSON.stringify({ ...c.options, bias: c.options.bias !== undefined })}`;
    for (const dtype of ["float64", "float32"] as const) {
      const x = lab.randn(c.shape, { seed: c.seed, dtype });
      const weight = lab.randn(c.weightShape, { seed: c.seed + 1, dtype });
      const bias = c.options.bias?.astype(dtype);
      const options = { ...c.options, bias };
      const reference = lab.convTranspose2d(x, weight, { ...options, algorithm: "scatter" });
      const tolerance = dtype === "float64" ? 1e-12 : 1e-4;
      for (const algorithm of lab.CONV_TRANSPOSE_ALGORITHMS) {
        check(`${name}, ${dtype}, '${algorithm}' equals 'scatter'`, () => {
          const y = lab.convTranspose2d(x, weight, { ...options, algorithm });
          const error = relativeError(y.data, reference.data);
          return (JSON.stringify(y.shape) === JSON.stringify(reference.shape) && error <= tolerance) || `relative error ${error}`;
        });
      }
      if (dtype === "float32") {
        check(`${name}, the WebAssembly kernel equals the TypeScript kernel`, () => {
          // The kernels' bundle has its own Tensor class: the operands are handed over as data.
          const own = (t: Lab.Tensor) => new paths.Tensor(t.data, t.shape);
          const { operands } = paths.parseConvTranspose2d("page", own(x), own(weight), { ...options, bias: bias && own(bias) });
          const g = operands.geometry;
          const viaTs = new Float32Array(reference.data.length);
          paths.convTranspose2dGemm(operands.x.data, operands.weight.data, operands.bias?.data, g, viaTs);
          const viaWasm = new Float32Array(reference.data.length);
          if (!paths.convTranspose2dWasm(operands.x.data, operands.weight.data, operands.bias?.data, g, viaWasm))
            return "the WebAssembly kernel declined";
          report.wasmCases++;
          const error = relativeError(viaWasm, viaTs);
          return error <= 1e-5 || `relative error ${error}`;
        });
      }
    }
  }
  return report;
}
