/** Exercises of notebook 11 (a photograph upsampled every way): the sharpest edge, the coordinate convention that fits the data. */
import { convTranspose2d } from "../conv";
import { bilinearKernel, upsampleBilinear, upsampleNearest, type CoordinateMode } from "../resample";
import { Tensor } from "../tensor";
import { checkLanguage, notYet, right, unanswered, wrongForm, type ExerciseVerdict, type Language } from "./verdict";

/** The x2 methods exercise 11.sharpest-edge compares, by the names notebook 11 prints. */
export const EDGE_METHODS = [
  "nearest",
  "bilinear, half-pixel",
  "bilinear, align-corners",
  "bilinear, asymmetric",
  "transposed conv, bilinear kernel",
] as const;

/** One of the methods of `EDGE_METHODS`. */
export type EdgeMethod = (typeof EDGE_METHODS)[number];

/** `x` (1, 1, h, w) upsampled x2 by `method`. */
function upsampleBy(method: EdgeMethod, x: Tensor): Tensor {
  switch (method) {
    case "nearest":
      return upsampleNearest(x, { scale: 2 });
    case "bilinear, half-pixel":
      return upsampleBilinear(x, { scale: 2, coordinates: "half-pixel" });
    case "bilinear, align-corners":
      return upsampleBilinear(x, { scale: 2, coordinates: "align-corners" });
    case "bilinear, asymmetric":
      return upsampleBilinear(x, { scale: 2, coordinates: "asymmetric" });
    case "transposed conv, bilinear kernel":
      return convTranspose2d(x, bilinearKernel(4), { stride: 2, padding: 1 });
  }
}

/** A 16x16 map, 0 left of column 7 and 1 from it: the 2x2 averages of a 32x32 image with a hard vertical edge at column 14. */
function edgeInput(): Tensor {
  return new Tensor(
    Float32Array.from({ length: 256 }, (_, i) => (i % 16 >= 7 ? 1 : 0)),
    [1, 1, 16, 16],
  );
}

/** How many pixels of row 16 of a 32x32 result lie strictly between 10% and 90% of the step (the edge's width; 0 is a perfect step). */
export function edgeWidth(t: Tensor): number {
  const w = t.shape[t.shape.length - 1];
  let width = 0;
  for (let c = 2; c < w - 2; c++) {
    const v = t.data[16 * w + c];
    if (v > 0.1 && v < 0.9) width++;
  }
  return width;
}

/** Answer of exercise 11.sharpest-edge: one method name of `EDGE_METHODS`. */
export interface MethodAnswer {
  method: string | null;
}

/**
 * Exercise 11.sharpest-edge: which method keeps a hard edge sharpest? The exercise upsamples a
 * 16x16 map with one vertical step by each method of `EDGE_METHODS` and measures the step's width
 * with `edgeWidth`; right when the chosen method's width is the smallest.
 */
export function sharpestEdge(answer: MethodAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "11.sharpest-edge";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.method === null) {
    return unanswered(id, language, { en: "a method name", vi: "tên một phương pháp" });
  }
  const method = answer.method;
  if (!(EDGE_METHODS as readonly unknown[]).includes(method)) {
    const names = EDGE_METHODS.map((m) => `"${m}"`).join(", ");
    return wrongForm(id, language, "method", method, { en: `one of ${names}`, vi: `một trong ${names}` });
  }
  const x = edgeInput();
  const widths = new Map(EDGE_METHODS.map((m) => [m, edgeWidth(upsampleBy(m, x))]));
  const best = Math.min(...widths.values());
  const mine = widths.get(method as EdgeMethod) as number;
  if (mine === best) {
    return right(id, language, {
      en: `Its edge is ${mine} pixel(s) wide. Sharpest is not best, though: on the photograph it scores below half-pixel bilinear, because it draws every pixel as a block.`,
      vi: `Cạnh của nó rộng ${mine} pixel. Nhưng sắc nét nhất không phải là tốt nhất: trên bức ảnh nó được điểm thấp hơn bilinear half-pixel, vì nó vẽ mỗi pixel thành một khối.`,
    });
  }
  return notYet(id, language, {
    en: `With "${method}" the edge is ${mine} pixels wide, and another method does better. A method that mixes neighbouring input pixels puts in-between values on the edge; which one never mixes?`,
    vi: `Với "${method}" cạnh rộng ${mine} pixel, và có phương pháp làm tốt hơn. Một phương pháp trộn các pixel input kề nhau sẽ đặt các giá trị trung gian lên cạnh; phương pháp nào không bao giờ trộn?`,
  });
}

/** The smooth 64x64 test image of exercise 11.sampled-convention, (1, 1, 64, 64). */
export function detailedTestImage(): Tensor {
  const n = 64;
  return new Tensor(
    Float32Array.from({ length: n * n }, (_, i) => {
      const [r, c] = [Math.floor(i / n), i % n];
      return 0.45 + 0.25 * Math.sin(r / 3) * Math.cos(c / 4) + 0.15 * Math.sin((r + c) / 2.5);
    }),
    [1, 1, n, n],
  );
}

/** `img` (1, 1, h, w) keeping only the top-left pixel of each 2x2 block (no averaging). */
function keepTopLeft(img: Tensor): Tensor {
  const [h, w] = img.shape.slice(-2);
  return new Tensor(
    Float32Array.from({ length: (h / 2) * (w / 2) }, (_, i) => img.data[2 * Math.floor(i / (w / 2)) * w + 2 * (i % (w / 2))]),
    [1, 1, h / 2, w / 2],
  );
}

/** PSNR in dB of `estimate` against `truth` (both (1, 1, h, w)), skipping a 1-pixel border. */
function psnrInside(estimate: Tensor, truth: Tensor): number {
  const [h, w] = truth.shape.slice(-2);
  let sum = 0,
    n = 0;
  for (let r = 1; r < h - 1; r++)
    for (let c = 1; c < w - 1; c++) {
      const d = estimate.data[r * w + c] - truth.data[r * w + c];
      sum += d * d;
      n++;
    }
  return 10 * Math.log10(n / sum);
}

/** The coordinate conventions of `upsampleBilinear`. */
const CONVENTIONS: CoordinateMode[] = ["half-pixel", "align-corners", "asymmetric"];

/** Answer of exercise 11.sampled-convention: a coordinate convention of `upsampleBilinear`. */
export interface ConventionAnswer {
  coordinates: string | null;
}

/**
 * Exercise 11.sampled-convention: a low-resolution image made by keeping the top-left pixel of each
 * 2x2 block (instead of averaging the block) is upsampled x2 by bilinear interpolation. Which
 * coordinate convention brings it closest to the original? Right when the chosen one has the
 * highest PSNR on `detailedTestImage()`.
 */
export function sampledConvention(answer: ConventionAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "11.sampled-convention";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.coordinates === null) {
    return unanswered(id, language, { en: "a convention", vi: "một quy ước" });
  }
  const chosen = answer.coordinates;
  if (!(CONVENTIONS as unknown[]).includes(chosen)) {
    const names = CONVENTIONS.map((m) => `"${m}"`).join(", ");
    return wrongForm(id, language, "coordinates", chosen, { en: `one of ${names}`, vi: `một trong ${names}` });
  }
  const truth = detailedTestImage();
  const small = keepTopLeft(truth);
  const scores = new Map(CONVENTIONS.map((c) => [c, psnrInside(upsampleBilinear(small, { scale: 2, coordinates: c }), truth)]));
  const best = Math.max(...scores.values());
  const mine = scores.get(chosen as CoordinateMode) as number;
  if (mine === best) {
    return right(id, language, {
      en: `${mine.toFixed(2)} dB, the best of the three. Input pixel j now sits exactly at output pixel 2j, which is where this convention puts it.`,
      vi: `${mine.toFixed(2)} dB, cao nhất trong ba quy ước. Pixel input j giờ nằm đúng tại pixel output 2j, cũng là nơi quy ước này đặt nó.`,
    });
  }
  return notYet(id, language, {
    en: `"${chosen}" scores ${mine.toFixed(2)} dB; another convention does better. Where in the original does input pixel j come from now: the centre of block j, or its top-left pixel? Work out which output position that is, and compare it with where each convention places input pixel j.`,
    vi: `"${chosen}" được ${mine.toFixed(2)} dB; có quy ước tốt hơn. Bây giờ pixel input j lấy từ đâu trong ảnh gốc: tâm của khối j, hay pixel trên bên trái của nó? Hãy tìm vị trí output tương ứng, rồi so với nơi mỗi quy ước đặt pixel input j.`,
  });
}

/** Answer of exercise 11.uniform-error: a PSNR in dB. */
export interface PsnrAnswer {
  psnr: number | null;
}

/**
 * Exercise 11.uniform-error: an estimate that is off by exactly 0.05 at every pixel (values in
 * [0, 1]); what PSNR does it score? Right within 0.01 dB of the PSNR computed on `detailedTestImage()`
 * shifted by 0.05.
 */
export function uniformError(answer: PsnrAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "11.uniform-error";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.psnr === null) {
    return unanswered(id, language, { en: "a PSNR in dB", vi: "một giá trị PSNR tính bằng dB" });
  }
  const value = answer.psnr;
  if (typeof value !== "number" || !Number.isFinite(value))
    return wrongForm(id, language, "psnr", value, { en: "a finite number", vi: "một số hữu hạn" });
  const truth = detailedTestImage();
  const shifted = new Tensor(
    truth.data.map((v) => v + 0.05),
    truth.shape,
  );
  const expected = psnrInside(shifted, truth);
  if (Math.abs(value - expected) < 0.01) {
    return right(id, language, {
      en: `${expected.toFixed(2)} dB: the MSE is 0.05² = 0.0025. Halving the error would add 10·log10(4) ≈ 6 dB.`,
      vi: `${expected.toFixed(2)} dB: MSE là 0.05² = 0.0025. Giảm sai số đi một nửa sẽ thêm 10·log10(4) ≈ 6 dB.`,
    });
  }
  return notYet(id, language, {
    en: "Not this value. When every pixel is off by the same amount, what is the mean of the squared differences? Then apply PSNR = 10·log10(1 / MSE) (a base-10 logarithm).",
    vi: "Chưa phải giá trị này. Khi mọi pixel lệch cùng một lượng, trung bình của bình phương các sai khác là bao nhiêu? Sau đó áp dụng PSNR = 10·log10(1 / MSE) (logarit cơ số 10).",
  });
}
