/** Exercises of notebook 5 (the four-step method: zero insertion, padding, flipped kernel, convolution). */
import { conv2d, convTranspose2d } from "../conv";
import { equivalentConvolution } from "../shape";
import { tensor, maxAbsDiff, zeros } from "../tensor";
import { readMatrix, readNumber, sameMatrix } from "./answerForms";
import { checkLanguage, notYet, right, type ExerciseVerdict, type Language } from "./verdict";

/**
 * Exercise 05.step-sizes: a transposed convolution with i = 4, k = 3, s = 3, p = 0. Give the size after
 * step 2 (zeros inserted) and after step 3 (padded). Right when both equal `equivalentConvolution`'s.
 */
export function stepSizes(
  answer: { stretched: number | null; padded: number | null },
  language: Language = "en",
): ExerciseVerdict {
  const id = "05.step-sizes";
  checkLanguage(id, language);
  const what = { en: "both sizes", vi: "cả hai kích thước" };
  const stretched = readNumber(id, language, "stretched", answer?.stretched, what, true);
  if (!stretched.ok) return stretched.verdict;
  const padded = readNumber(id, language, "padded", answer?.padded, what, true);
  if (!padded.ok) return padded.verdict;
  const eq = equivalentConvolution({ i: 4, k: 3, s: 3, p: 0 });
  if (stretched.value === eq.stretched && padded.value === eq.padded) {
    return right(id, language, {
      en: `a 3x3 convolution of stride 1 then gives ${eq.padded} - 3 + 1 = ${eq.output}, the transposed convolution's size.`,
      vi: `một convolution 3x3 với stride 1 khi đó cho ${eq.padded} - 3 + 1 = ${eq.output}, đúng kích thước của transposed convolution.`,
    });
  }
  if (stretched.value !== eq.stretched) {
    return notYet(id, language, {
      en: "Step 2 inserts s - 1 zeros between neighbouring pixels, not after the last one. Count the gaps between 4 pixels.",
      vi: "Bước 2 chèn s - 1 số 0 giữa các pixel kề nhau, không chèn sau pixel cuối. Hãy đếm số khoảng trống giữa 4 pixel.",
    });
  }
  return notYet(id, language, {
    en: "Step 3 pads every side by p' = k - p - 1: the kernel must be able to overlap the first pixel with its last entry only.",
    vi: "Bước 3 thêm padding p' = k - p - 1 ở mỗi phía: kernel phải có thể chồng lên pixel đầu tiên chỉ bằng phần tử cuối của nó.",
  });
}

/** The kernel of exercise 05.flipped-kernel. */
export const FLIPPED_KERNEL = [
  [1, 2, 0],
  [0, 3, 4],
  [5, 0, 6],
] as const;

/**
 * Exercise 05.flipped-kernel: step 4 convolves the padded, stretched input with a kernel derived from
 * `FLIPPED_KERNEL`. Write that kernel. Right when the four steps with it reproduce `convTranspose2d`
 * (stride 2, padding 1) on a seeded input.
 */
export function flippedKernel(answer: { kernel: number[][] | null }, language: Language = "en"): ExerciseVerdict {
  const id = "05.flipped-kernel";
  checkLanguage(id, language);
  const read = readMatrix(id, language, "kernel", answer?.kernel, 3, 3, {
    en: "the nine kernel values",
    vi: "chín giá trị của kernel",
  });
  if (!read.ok) return read.verdict;
  const x = tensor([
    [1, -1, 2],
    [0, 3, 1],
    [2, 1, -2],
  ]);
  const k = tensor(FLIPPED_KERNEL as unknown as number[][]);
  const want = convTranspose2d(x, k, { stride: 2, padding: 1 });
  // Steps 1-3: zeros between pixels (s - 1 = 1), then p' = k - p - 1 = 1 on every side: 3x3 -> 5x5 -> 7x7.
  const padded = zeros([7, 7]);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) padded.data[(1 + 2 * r) * 7 + (1 + 2 * c)] = x.get(r, c);
  const got = conv2d(padded, tensor(read.value));
  if (maxAbsDiff(got, want) < 1e-9) {
    return right(id, language, {
      en: "the kernel rotated by 180 degrees: the direct convolution reads it in the opposite order to the scatter.",
      vi: "kernel xoay 180 độ: convolution trực tiếp đọc kernel theo thứ tự ngược với cách scatter.",
    });
  }
  const asGiven = sameMatrix(read.value, FLIPPED_KERNEL as unknown as number[][], 0);
  return notYet(id, language, {
    en: asGiven
      ? "With the kernel unchanged the result differs: look at which kernel entry meets which input pixel in the scatter picture, and compare with a sliding window."
      : "The result differs. In the scatter picture x[0, 0] meets the kernel's bottom-right entry at output (1, 1); in a sliding window that output reads the window's top-left. What does that say about the kernel's order?",
    vi: asGiven
      ? "Giữ nguyên kernel thì kết quả khác: hãy xem phần tử kernel nào gặp pixel input nào trong cách scatter, và so sánh với cửa sổ trượt."
      : "Kết quả khác. Trong cách scatter x[0, 0] gặp phần tử dưới phải của kernel tại output (1, 1); trong cửa sổ trượt, output đó đọc góc trên trái của cửa sổ. Điều đó cho biết gì về thứ tự của kernel?",
  });
}
