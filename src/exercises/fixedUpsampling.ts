/** Exercises of notebook 2 (fixed upsampling: bilinear coordinates, the nearest conventions, max-pooling indices). */
import { maxPool2d } from "../pool";
import { resize, upsampleBilinear } from "../resample";
import { arange, tensor } from "../tensor";
import { readMatrix, readNumber, sameMatrix } from "./answerForms";
import { checkLanguage, isInteger, notYet, right, unanswered, wrongForm, type ExerciseVerdict, type Language } from "./verdict";

/** The bilinear value at (row, col) of `arange(12)` as a 3x4 map upsampled x2 with `coordinates`. */
function bilinearAt(coordinates: "half-pixel" | "align-corners" | "asymmetric", row: number, col: number): number {
  return upsampleBilinear(arange(12).reshape([1, 1, 3, 4]), { scale: 2, coordinates }).get(0, 0, row, col);
}

/**
 * Exercise 02.predict-bilinear: the article's `x = arange(12)` as a 3x4 map, upsampled x2 by Keras's
 * `UpSampling2D(interpolation='bilinear')` (half-pixel centres). Predict `y[2, 3]`. Right when it equals
 * the library's half-pixel value; the hint names the convention of a value another convention gives.
 */
export function predictBilinear(answer: { value: number | null }, language: Language = "en"): ExerciseVerdict {
  const id = "02.predict-bilinear";
  checkLanguage(id, language);
  const read = readNumber(id, language, "value", answer?.value, { en: "your value of y[2, 3]", vi: "giá trị y[2, 3] của bạn" });
  if (!read.ok) return read.verdict;
  const close = (v: number) => Math.abs(read.value - v) < 1e-6;
  if (close(bilinearAt("half-pixel", 2, 3))) {
    return right(id, language, {
      en: "output row 2 samples input row (2 + 0.5)/2 - 0.5 = 0.75 and column 3 samples column 1.25; weigh the four neighbours.",
      vi: "hàng output 2 lấy mẫu tại hàng input (2 + 0.5)/2 - 0.5 = 0.75 và cột 3 tại cột 1.25; lấy trung bình có trọng số của bốn điểm lân cận.",
    });
  }
  if (close(bilinearAt("asymmetric", 2, 3))) {
    return notYet(id, language, {
      en: "That is the value of the old TF1 mapping src = dst · in/out. Keras 2 maps pixel centres: src = (dst + 0.5) · in/out - 0.5.",
      vi: "Đó là giá trị của cách ánh xạ cũ TF1 src = dst · in/out. Keras 2 ánh xạ tâm pixel: src = (dst + 0.5) · in/out - 0.5.",
    });
  }
  if (close(bilinearAt("align-corners", 2, 3))) {
    return notYet(id, language, {
      en: "That is the align-corners value (the corners of input and output coincide). Keras maps pixel centres instead.",
      vi: "Đó là giá trị align-corners (các góc của input và output trùng nhau). Keras thì ánh xạ tâm pixel.",
    });
  }
  return notYet(id, language, {
    en: "Find the input position output pixel (2, 3) samples (half-pixel centres), then interpolate between the two rows and the two columns around it.",
    vi: "Tìm vị trí input mà pixel output (2, 3) lấy mẫu (tâm nửa pixel), rồi nội suy giữa hai hàng và hai cột xung quanh nó.",
  });
}

/** The 4x4 input of exercise 02.pool-indices. */
export const POOL_INDICES_INPUT = [
  [2, 7, 1, 0],
  [4, 3, 5, 6],
  [8, 1, 0, 2],
  [0, 9, 3, 3],
] as const;

/**
 * Exercise 02.pool-indices: max-pooling 2x2 (stride 2) of `POOL_INDICES_INPUT` remembers where each
 * maximum was, as a flat index `row · 4 + col` in the 4x4 plane. Write the 2x2 matrix of indices.
 * Right when it equals `maxPool2d`'s indices (ties: the first maximum wins).
 */
export function poolIndices(answer: { indices: number[][] | null }, language: Language = "en"): ExerciseVerdict {
  const id = "02.pool-indices";
  checkLanguage(id, language);
  const read = readMatrix(id, language, "indices", answer?.indices, 2, 2, { en: "the four indices", vi: "bốn chỉ số" });
  if (!read.ok) return read.verdict;
  const pooled = maxPool2d(tensor(POOL_INDICES_INPUT as unknown as number[][]).reshape([1, 1, 4, 4]), { kernelSize: 2 });
  const truth = pooled.indices.reshape([2, 2]).toArray() as number[][];
  if (sameMatrix(read.value, truth, 0)) {
    return right(id, language, {
      en: "unpooling puts each maximum back at exactly these positions.",
      vi: "unpooling đặt mỗi giá trị lớn nhất trở lại đúng các vị trí này.",
    });
  }
  const wrong = read.value.flat().filter((v, i) => v !== truth.flat()[i]).length;
  return notYet(id, language, {
    en: `${wrong} of the 4 indices differ. An index counts across the whole 4x4 plane (row · 4 + col), not inside the 2x2 window; where two values tie, the first one met row by row wins.`,
    vi: `${wrong} trên 4 chỉ số khác nhau. Chỉ số được đếm trên toàn bộ mặt phẳng 4x4 (hàng · 4 + cột), không phải trong cửa sổ 2x2; khi hai giá trị bằng nhau, giá trị gặp trước (theo từng hàng) được chọn.`,
  });
}

/** The axis of exercise 02.nearest-picks: `NEAREST_PICKS_SIZES[0]` input pixels resized to `NEAREST_PICKS_SIZES[1]`. */
export const NEAREST_PICKS_SIZES = [5, 8] as const;

/** Answer of exercise 02.nearest-picks: the input pixel each output pixel copies, under each PyTorch mode. */
export interface NearestPicksAnswer {
  nearest: number[] | null;
  nearestExact: number[] | null;
}

/**
 * Exercise 02.nearest-picks: PyTorch resizes a row of 5 pixels to 8 (scale 1.6). Which input pixel does
 * each output pixel copy with `mode='nearest'`, and with `mode='nearest-exact'`? Right when both lists
 * equal what `resize` with the `'pytorch'` preset copies from the indices 0..4.
 */
export function nearestPicks(answer: NearestPicksAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "02.nearest-picks";
  checkLanguage(id, language);
  const [inLength, outLength] = NEAREST_PICKS_SIZES;
  const lists = [answer?.nearest, answer?.nearestExact];
  if (lists.some((l) => l === null || l === undefined || (Array.isArray(l) && l.some((v) => v === null || v === undefined)))) {
    return unanswered(id, language, {
      en: `two lists of ${outLength} input indices`,
      vi: `hai danh sách ${outLength} chỉ số input`,
    });
  }
  for (const [field, list] of [
    ["nearest", answer.nearest],
    ["nearestExact", answer.nearestExact],
  ] as const) {
    if (!Array.isArray(list) || list.length !== outLength || !list.every((v) => isInteger(v) && v >= 0 && v < inLength)) {
      return wrongForm(id, language, field, JSON.stringify(list), {
        en: `a list of ${outLength} whole numbers from 0 to ${inLength - 1}`,
        vi: `một danh sách ${outLength} số nguyên từ 0 đến ${inLength - 1}`,
      });
    }
  }
  const picks = (mode: "nearest" | "nearest-exact") =>
    Array.from(resize(arange(inLength).reshape([1, 1, inLength]), { size: outLength, mode, preset: "pytorch" }).data);
  const same = (a: readonly number[], b: readonly number[]) => a.every((v, i) => v === b[i]);
  const [nearest, exact] = [picks("nearest"), picks("nearest-exact")];
  const nearestRight = same(answer.nearest as number[], nearest);
  const exactRight = same(answer.nearestExact as number[], exact);
  if (nearestRight && exactRight) {
    return right(id, language, {
      en: `'nearest' floors d · ${inLength}/${outLength} and copies ${nearest.join(" ")}: the last input only once, the picture shifted; 'nearest-exact' floors (d + 0.5) · ${inLength}/${outLength} and copies ${exact.join(" ")}, symmetric.`,
      vi: `'nearest' lấy floor của d · ${inLength}/${outLength} và copy ${nearest.join(" ")}: input cuối chỉ một lần, bức ảnh bị lệch; 'nearest-exact' lấy floor của (d + 0.5) · ${inLength}/${outLength} và copy ${exact.join(" ")}, đối xứng.`,
    });
  }
  if (same(answer.nearest as number[], exact) && same(answer.nearestExact as number[], nearest)) {
    return notYet(id, language, {
      en: "You found both lists, but swapped them. Which of the two modes looks at the centre of each output pixel?",
      vi: "Bạn đã tìm ra cả hai danh sách, nhưng đặt ngược chỗ. Mode nào trong hai mode nhìn vào tâm của mỗi pixel output?",
    });
  }
  if (!nearestRight) {
    return notYet(id, language, {
      en: "The 'nearest' list is not right yet. PyTorch's 'nearest' takes the source coordinate of output d as d · in/out (the left edge of the output pixel) and rounds it down.",
      vi: "Danh sách 'nearest' chưa đúng. 'nearest' của PyTorch lấy toạ độ nguồn của output d là d · in/out (mép trái của pixel output) rồi làm tròn xuống.",
    });
  }
  return notYet(id, language, {
    en: "The 'nearest' list is right, the 'nearest-exact' one not yet. 'nearest-exact' looks at the centre of the output pixel: (d + 0.5) · in/out, rounded down.",
    vi: "Danh sách 'nearest' đúng, danh sách 'nearest-exact' thì chưa. 'nearest-exact' nhìn vào tâm của pixel output: (d + 0.5) · in/out, làm tròn xuống.",
  });
}
