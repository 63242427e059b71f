/** Exercises of notebook 9 (checkerboard artifacts): a kernel size with even overlap, kernel weights that hide the checkerboard. */
import { convTranspose2d } from "../conv";
import { overlapCounts } from "../explain";
import { ones, tensor, type Tensor } from "../tensor";
import { readMatrix } from "./answerForms";
import { checkLanguage, isInteger, notYet, right, unanswered, wrongForm, type ExerciseVerdict, type Language } from "./verdict";

/** The smallest and largest value in the middle half (rows and columns from 1/4 to 3/4) of a 2-D map, away from the borders. */
function centreRange(t: Tensor): { min: number; max: number } {
  const [h, w] = t.shape.slice(-2);
  let min = Infinity,
    max = -Infinity;
  for (let r = Math.floor(h / 4); r < Math.floor(h / 4) + Math.max(1, Math.ceil(h / 2)); r++) {
    for (let c = Math.floor(w / 4); c < Math.floor(w / 4) + Math.max(1, Math.ceil(w / 2)); c++) {
      const v = t.data[r * w + c];
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  return { min, max };
}

/** Answer of exercise 09.flat-kernel: a kernel size. */
export interface KernelSizeAnswer {
  k: number | null;
}

/**
 * Exercise 09.flat-kernel: for a stride-3 transposed convolution, choose a kernel size k from 4 to 9
 * whose overlap map is flat away from the borders (no checkerboard). Right when `overlapCounts` on a
 * 20-pixel input has the same count at every interior pixel.
 */
export function flatKernel(answer: KernelSizeAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "09.flat-kernel";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.k === null) {
    return unanswered(id, language, { en: "a kernel size", vi: "một kích thước kernel" });
  }
  const k = answer.k;
  if (!isInteger(k) || k < 4 || k > 9)
    return wrongForm(id, language, "k", k, { en: "a whole number from 4 to 9", vi: "một số nguyên từ 4 đến 9" });
  const { min, max } = centreRange(overlapCounts({ inputSize: 20, kernelSize: k, stride: 3 }));
  if (min === max) {
    return right(id, language, {
      en: `With k = ${k} every interior pixel collects ${min} terms, so a constant input stays constant.`,
      vi: `Với k = ${k} mọi pixel bên trong nhận ${min} số hạng, nên một input hằng vẫn là hằng.`,
    });
  }
  return notYet(id, language, {
    en: `With k = ${k} interior pixels collect between ${min} and ${max} terms: a checkerboard. Along one axis, how many stamps, s = 3 pixels apart and k wide, cover a given output pixel? When is that count the same for every pixel?`,
    vi: `Với k = ${k} các pixel bên trong nhận từ ${min} đến ${max} số hạng: một bàn cờ. Theo một trục, có bao nhiêu bản sao rộng k, cách nhau s = 3 pixel, phủ lên một pixel output? Khi nào số đó như nhau với mọi pixel?`,
  });
}

/** Answer of exercise 09.even-weights: a 3x3 kernel given as rows. */
export interface KernelAnswer {
  rows: number[][] | null;
}

/**
 * Exercise 09.even-weights: keep k = 3 and s = 2 (the checkerboard setting), but choose the 3x3
 * kernel's weights so that an all-ones input gives a flat output away from the borders, and not all
 * zeros. Right when the interior of `convTranspose2d(ones, kernel, stride 2)` varies by less than 1e-6
 * of its size.
 */
export function evenWeights(answer: KernelAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "09.even-weights";
  checkLanguage(id, language);
  const read = readMatrix(id, language, "rows", answer?.rows, 3, 3, { en: "the 3 rows of the kernel", vi: "3 hàng của kernel" });
  if (!read.ok) return read.verdict;
  const m = read.value;
  const { min, max } = centreRange(
    convTranspose2d(ones([8, 8], { dtype: "float64" }), tensor(m, { dtype: "float64" }), { stride: 2 }),
  );
  const scale = Math.max(Math.abs(min), Math.abs(max));
  if (scale < 1e-9) {
    return notYet(id, language, {
      en: "The output is all zeros: flat, but it upsamples nothing. Keep some weight.",
      vi: "Output toàn 0: phẳng thật, nhưng chẳng upsample được gì. Hãy giữ lại một ít trọng số.",
    });
  }
  if (max - min <= 1e-6 * scale) {
    return right(id, language, {
      en: `Every interior pixel gets ${max.toFixed(3)}. The overlap is still uneven, but the weights that meet at the doubly covered pixels add up to what a singly covered pixel gets.`,
      vi: `Mọi pixel bên trong nhận ${max.toFixed(3)}. Độ chồng vẫn không đều, nhưng các trọng số gặp nhau ở những pixel bị phủ hai lần cộng lại bằng đúng phần một pixel chỉ bị phủ một lần nhận được.`,
    });
  }
  return notYet(id, language, {
    en: `The interior still ranges from ${min.toFixed(3)} to ${max.toFixed(3)}. Along one axis, list which kernel entries land on an even output position and which on an odd one; make the two sums equal (and the same for columns).`,
    vi: `Phần bên trong vẫn dao động từ ${min.toFixed(3)} đến ${max.toFixed(3)}. Theo một trục, hãy liệt kê những phần tử kernel nào rơi vào vị trí output chẵn và những phần tử nào rơi vào vị trí lẻ; làm cho hai tổng bằng nhau (và tương tự với các cột).`,
  });
}

/** Answer of exercise 09.predict-contrast: the ratio max/min of the interior overlap counts. */
export interface RatioAnswer {
  ratio: number | null;
}

/**
 * Exercise 09.predict-contrast: predict, before computing it, the ratio between the most and the least
 * covered interior pixels of the overlap map for k = 7, s = 2 (beyond notebook 9's table). Right within 1e-6 of the ratio
 * `overlapCounts` gives on a 20-pixel input.
 */
export function predictContrast(answer: RatioAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "09.predict-contrast";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.ratio === null) {
    return unanswered(id, language, { en: "your ratio", vi: "tỉ số của bạn" });
  }
  const ratio = answer.ratio;
  if (typeof ratio !== "number" || !Number.isFinite(ratio))
    return wrongForm(id, language, "ratio", ratio, { en: "a finite number", vi: "một số hữu hạn" });
  const { min, max } = centreRange(overlapCounts({ inputSize: 20, kernelSize: 7, stride: 2 }));
  if (Math.abs(ratio - max / min) < 1e-6) {
    return right(id, language, {
      en: `Interior pixels collect ${min} or ${max} terms: per axis ⌊7/2⌋ = 3 or ⌈7/2⌉ = 4 stamps, and the 2-D count is the product.`,
      vi: `Các pixel bên trong nhận ${min} hoặc ${max} số hạng: theo mỗi trục ⌊7/2⌋ = 3 hoặc ⌈7/2⌉ = 4 bản sao, và số đếm 2 chiều là tích của chúng.`,
    });
  }
  return notYet(id, language, {
    en: "Not this ratio. Along one axis, how many 7-wide stamps, 2 pixels apart, can cover an interior pixel: what are the fewest and the most? A 2-D pixel's count is its row count times its column count.",
    vi: "Chưa phải tỉ số này. Theo một trục, một pixel bên trong có thể bị bao nhiêu bản sao rộng 7, cách nhau 2 pixel, phủ lên: ít nhất và nhiều nhất là bao nhiêu? Số đếm của một pixel 2 chiều là số đếm theo hàng nhân số đếm theo cột.",
  });
}
