/** Exercises of notebook 8 (the convolution matrix and the gradient): build C, choose the output padding, a gradient by hand. */
import { conv2d, convolutionMatrix, convTranspose2d } from "../conv";
import { randn, tensor, type Tensor } from "../tensor";
import { readMatrix } from "./answerForms";
import { checkLanguage, isInteger, notYet, right, unanswered, wrongForm, type ExerciseVerdict, type Language } from "./verdict";

/** An answer that is a matrix of numbers given as rows. */
export interface MatrixAnswer {
  rows: number[][] | null;
}

/** How many entries of `m` differ from `expected` (a rows x cols tensor) by more than `tol`. */
function differing(m: number[][], expected: Tensor, tol: number): number {
  const cols = expected.shape[1];
  let bad = 0;
  m.forEach((row, r) =>
    row.forEach((v, c) => {
      if (Math.abs(v - expected.data[r * cols + c]) > tol) bad++;
    }),
  );
  return bad;
}

/**
 * Exercise 08.strided-matrix: the matrix C of the stride-2 convolution of a 1x5 input with the 1x3
 * kernel [1, 2, 3] (no padding), as 2 rows of 5 numbers. Right when it equals `convolutionMatrix`.
 */
export function stridedMatrix(answer: MatrixAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "08.strided-matrix";
  checkLanguage(id, language);
  const read = readMatrix(id, language, "rows", answer?.rows, 2, 5, { en: "the rows of C", vi: "các hàng của C" });
  if (!read.ok) return read.verdict;
  const m = read.value;
  const C = convolutionMatrix([1, 5], tensor([[1, 2, 3]]), { stride: 2 });
  const bad = differing(m, C, 1e-9);
  if (bad === 0) {
    return right(id, language, {
      en: "Each row is the kernel placed under its window, and the stride moves the window 2 columns from one row to the next.",
      vi: "Mỗi hàng là kernel đặt dưới cửa sổ của nó, và stride dịch cửa sổ 2 cột từ hàng này sang hàng sau.",
    });
  }
  return notYet(id, language, {
    en: `${bad} of the 10 entries differ. Row r is output pixel r: which input pixels does its window cover, and which kernel weight multiplies each of them? Everything else in the row is 0.`,
    vi: `${bad} trên 10 phần tử chưa đúng. Hàng r là pixel output r: cửa sổ của nó phủ những pixel input nào, và trọng số kernel nào nhân với từng pixel đó? Mọi phần tử khác của hàng bằng 0.`,
  });
}

/** Answer of exercise 08.adjoint-padding: PyTorch's output padding. */
export interface OutputPaddingAnswer {
  outputPadding: number | null;
}

/**
 * Exercise 08.adjoint-padding: a convolution with k = 3, s = 3, p = 1 takes an 8x8 input to 3x3.
 * Which `outputPadding` makes `convTranspose2d` with the same settings give back 8x8, so that the
 * adjoint identity <conv2d(x), y> = <x, convTranspose2d(y)> can be checked? Right when the
 * transposed convolution has x's shape and the identity holds for random x, y.
 */
export function adjointPadding(answer: OutputPaddingAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "08.adjoint-padding";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.outputPadding === null) {
    return unanswered(id, language, { en: "the output padding", vi: "output padding" });
  }
  const a = answer.outputPadding;
  if (!isInteger(a) || a < 0)
    return wrongForm(id, language, "outputPadding", a, { en: "a whole number >= 0", vi: "một số nguyên >= 0" });
  if (a >= 3) {
    return notYet(id, language, {
      en: `PyTorch allows an output padding only below the stride (here 3); ${a} is not. It adds rows the convolution's floor dropped, and the floor drops fewer than s.`,
      vi: `PyTorch chỉ cho phép output padding nhỏ hơn stride (ở đây là 3); ${a} thì không. Nó thêm lại các hàng mà phép lấy phần nguyên của convolution bỏ đi, và số hàng bị bỏ luôn ít hơn s.`,
    });
  }
  const opts = { stride: 3, padding: 1 };
  const x = randn([1, 2, 8, 8], { seed: 81, dtype: "float64" });
  const w = randn([3, 2, 3, 3], { seed: 82, dtype: "float64" });
  const y = randn(conv2d(x, w, opts).shape, { seed: 83, dtype: "float64" });
  const back = convTranspose2d(y, w, { ...opts, outputPadding: a });
  const size = back.shape[2];
  if (size !== 8) {
    return notYet(id, language, {
      en: `With this output padding convTranspose2d gives ${size}x${size}, not 8x8, so <x, convTranspose2d(y)> cannot even be formed. How many input rows did the convolution's floor throw away?`,
      vi: `Với output padding này convTranspose2d cho ${size}x${size}, không phải 8x8, nên không thể tính được <x, convTranspose2d(y)>. Phép lấy phần nguyên của convolution đã bỏ đi bao nhiêu hàng input?`,
    });
  }
  let left = 0,
    rightSide = 0;
  const fx = conv2d(x, w, opts);
  for (let i = 0; i < fx.size; i++) left += fx.data[i] * y.data[i];
  for (let i = 0; i < x.size; i++) rightSide += x.data[i] * back.data[i];
  if (Math.abs(left - rightSide) <= 1e-9 * Math.max(1, Math.abs(left))) {
    return right(id, language, {
      en: `(8 + 2·1 - 3) mod 3 = 1 row was dropped; with it back, <conv2d(x), y> = <x, convTranspose2d(y)> = ${left.toFixed(6)}.`,
      vi: `(8 + 2·1 - 3) mod 3 = 1 hàng đã bị bỏ; thêm lại nó, <conv2d(x), y> = <x, convTranspose2d(y)> = ${left.toFixed(6)}.`,
    });
  }
  return notYet(id, language, {
    en: `The shapes agree but the two inner products differ (${left.toFixed(6)} vs ${rightSide.toFixed(6)}).`,
    vi: `Shape khớp nhưng hai tích vô hướng khác nhau (${left.toFixed(6)} so với ${rightSide.toFixed(6)}).`,
  });
}

/**
 * Exercise 08.sum-gradient: for L(x) = the sum of every output of conv2d(x, K) with the 3x3 input
 * and K = [[0, 1], [2, 3]], give dL/dx as 3 rows of 3 numbers. Right when it matches the gradient
 * measured by central finite differences of L itself.
 */
export function sumGradient(answer: MatrixAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "08.sum-gradient";
  checkLanguage(id, language);
  const read = readMatrix(id, language, "rows", answer?.rows, 3, 3, { en: "the 3 rows of dL/dx", vi: "3 hàng của dL/dx" });
  if (!read.ok) return read.verdict;
  const m = read.value;
  const K = tensor(
    [
      [0, 1],
      [2, 3],
    ],
    { dtype: "float64" },
  );
  const x0 = randn([3, 3], { seed: 84, dtype: "float64" });
  const L = (x: Tensor): number => {
    let sum = 0;
    for (const v of conv2d(x, K).data) sum += v;
    return sum;
  };
  const numeric = new Float64Array(9);
  for (let j = 0; j < 9; j++) {
    const plus = x0.clone(),
      minus = x0.clone();
    plus.data[j] += 0.5;
    minus.data[j] -= 0.5;
    numeric[j] = L(plus) - L(minus);
  }
  const bad = differing(m, tensor(Array.from(numeric), { dtype: "float64" }).reshape([3, 3]), 1e-6);
  if (bad === 0) {
    return right(id, language, {
      en: "L = <conv2d(x, K), g> with g all ones, so dL/dx = convTranspose2d(g, K): each input pixel collects the kernel weights of every window that covers it.",
      vi: "L = <conv2d(x, K), g> với g toàn 1, nên dL/dx = convTranspose2d(g, K): mỗi pixel input gom các trọng số kernel của mọi cửa sổ phủ lên nó.",
    });
  }
  return notYet(id, language, {
    en: `${bad} of the 9 entries differ. Write L as an inner product <conv2d(x, K), g>: what is the upstream gradient g here, and which operation carries g back to x's shape?`,
    vi: `${bad} trên 9 phần tử chưa đúng. Viết L dưới dạng tích vô hướng <conv2d(x, K), g>: gradient từ phía sau g ở đây là gì, và phép toán nào đưa g về lại shape của x?`,
  });
}
