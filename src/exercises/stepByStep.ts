/** Exercises of notebook 3 (transposed convolution step by step, stride 1, padding 0). */
import { contributions } from "../explain";
import { convTranspose2d } from "../conv";
import { ones, tensor } from "../tensor";
import { readMatrix, readNumber, readPositions, sameMatrix } from "./answerForms";
import { checkLanguage, notYet, right, type ExerciseVerdict, type Language } from "./verdict";

/** The input and kernel of exercise 03.predict-centre. */
export const PREDICT_CENTRE = {
  x: [
    [1, 2],
    [3, 1],
  ],
  kernel: [
    [2, 0],
    [1, 3],
  ],
} as const;

/**
 * Exercise 03.predict-centre: with `x = [[1, 2], [3, 1]]` and `kernel = [[2, 0], [1, 3]]` (stride 1,
 * padding 0), predict the centre `y[1, 1]` of the 3x3 result. Right when it equals the library's sum.
 */
export function predictCentre(answer: { value: number | null }, language: Language = "en"): ExerciseVerdict {
  const id = "03.predict-centre";
  checkLanguage(id, language);
  const read = readNumber(id, language, "value", answer?.value, { en: "your value of y[1, 1]", vi: "giá trị y[1, 1] của bạn" });
  if (!read.ok) return read.verdict;
  const c = contributions(
    tensor(PREDICT_CENTRE.x as unknown as number[][]),
    tensor(PREDICT_CENTRE.kernel as unknown as number[][]),
    {},
    [1, 1],
  );
  if (Math.abs(read.value - c.sum) < 1e-9) {
    return right(id, language, { en: `y[1, 1] = ${c.expanded}.`, vi: `y[1, 1] = ${c.expanded}.` });
  }
  if (c.terms.some((t) => Math.abs(t.product - read.value) < 1e-9)) {
    return notYet(id, language, {
      en: "That is what one product block puts there. Every block that covers the centre adds one term: how many blocks cover it?",
      vi: "Đó là phần đóng góp của một khối tích. Mỗi khối phủ lên tâm đều cộng thêm một số hạng: có bao nhiêu khối phủ lên tâm?",
    });
  }
  return notYet(id, language, {
    en: "Place each block x[i, j]·K with its top-left corner at (i, j) and find which kernel entry of each block lands on (1, 1); then add those products.",
    vi: "Đặt mỗi khối x[i, j]·K với góc trên bên trái tại (i, j) và tìm phần tử kernel nào của mỗi khối rơi vào (1, 1); rồi cộng các tích đó.",
  });
}

/**
 * Exercise 03.which-pixels: a 2x3 input and a 2x2 kernel (stride 1, padding 0) give a 3x4 output.
 * Which input pixels reach output `y[1, 2]`? Right when the set of positions equals the one
 * `contributions` finds.
 */
export function whichPixels(
  answer: { pixels: readonly (readonly number[])[] | null },
  language: Language = "en",
): ExerciseVerdict {
  const id = "03.which-pixels";
  checkLanguage(id, language);
  const read = readPositions(id, language, "pixels", answer?.pixels, {
    en: "the [row, col] positions",
    vi: "các vị trí [hàng, cột]",
  });
  if (!read.ok) return read.verdict;
  const terms = contributions(ones([2, 3]), ones([2, 2]), {}, [1, 2]).terms;
  const truth = new Set(terms.map((t) => t.input.position.join(",")));
  const given = new Set(read.value.map((p) => p.join(",")));
  const missing = [...truth].filter((p) => !given.has(p)).length;
  const extra = [...given].filter((p) => !truth.has(p)).length;
  if (missing === 0 && extra === 0) {
    return right(id, language, {
      en: `these ${truth.size} pixels' blocks all cover (1, 2), each with a different kernel entry.`,
      vi: `khối của ${truth.size} pixel này đều phủ lên (1, 2), mỗi khối với một phần tử kernel khác nhau.`,
    });
  }
  return notYet(id, language, {
    en: `${missing} missing, ${extra} that do not reach it. Pixel (i, j)'s block covers rows i..i+1 and columns j..j+1 of the output.`,
    vi: `thiếu ${missing}, thừa ${extra} pixel không chạm tới. Khối của pixel (i, j) phủ các hàng i..i+1 và các cột j..j+1 của output.`,
  });
}

/** The input and the result of exercise 03.recover-kernel (the result made from a kernel the student must find). */
export const RECOVER_KERNEL = {
  x: [
    [1, 2],
    [3, 4],
  ],
  y: [
    [1, 1, -2],
    [5, 5, -4],
    [6, 8, 0],
  ],
} as const;

/**
 * Exercise 03.recover-kernel: `x = [[1, 2], [3, 4]]` transposed-convolved (stride 1, padding 0) with
 * an unknown 2x2 kernel gives `y = [[1, 1, -2], [5, 5, -4], [6, 8, 0]]`. Find the kernel. Right when
 * `convTranspose2d(x, kernel)` gives `y`.
 */
export function recoverKernel(answer: { kernel: number[][] | null }, language: Language = "en"): ExerciseVerdict {
  const id = "03.recover-kernel";
  checkLanguage(id, language);
  const read = readMatrix(id, language, "kernel", answer?.kernel, 2, 2, {
    en: "the four kernel values",
    vi: "bốn giá trị của kernel",
  });
  if (!read.ok) return read.verdict;
  const y = convTranspose2d(tensor(RECOVER_KERNEL.x as unknown as number[][]), tensor(read.value)).toArray() as number[][];
  if (sameMatrix(y, RECOVER_KERNEL.y as unknown as number[][])) {
    return right(id, language, {
      en: "convTranspose2d(x, kernel) gives exactly y.",
      vi: "convTranspose2d(x, kernel) cho đúng y.",
    });
  }
  const wrongCells = y.flat().filter((v, i) => Math.abs(v - (RECOVER_KERNEL.y as unknown as number[][]).flat()[i]) > 1e-6).length;
  return notYet(id, language, {
    en: `${wrongCells} of the 9 output values differ. The corners of y each receive a single term x[i, j]·K[a, b]: start there.`,
    vi: `${wrongCells} trên 9 giá trị output khác nhau. Mỗi góc của y chỉ nhận một số hạng x[i, j]·K[a, b]: hãy bắt đầu từ đó.`,
  });
}
