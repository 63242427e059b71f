/** Exercises of notebook 4 (stride and padding; PyTorch and Keras conventions). */
import { convTranspose2d, convTranspose2dKeras } from "../conv";
import { nchwToNhwc, permute, tensor, maxAbsDiff } from "../tensor";
import { isInteger, checkLanguage, notYet, right, unanswered, wrongForm, type ExerciseVerdict, type Language } from "./verdict";
import { readNumber } from "./answerForms";

/** The input and kernel of exercise 04.stride-overlap (stride 2). */
export const STRIDE_OVERLAP = {
  x: [
    [1, 2],
    [3, 4],
  ],
  kernel: [
    [1, 2, 0],
    [0, 1, 1],
    [2, 0, 1],
  ],
} as const;

/**
 * Exercise 04.stride-overlap: `x = [[1, 2], [3, 4]]`, a 3x3 kernel, stride 2, padding 0 give a 5x5
 * output. Predict `y[2, 2]`, where all four product blocks meet. Right when it equals the library's value.
 */
export function strideOverlap(answer: { value: number | null }, language: Language = "en"): ExerciseVerdict {
  const id = "04.stride-overlap";
  checkLanguage(id, language);
  const read = readNumber(id, language, "value", answer?.value, { en: "your value of y[2, 2]", vi: "giá trị y[2, 2] của bạn" });
  if (!read.ok) return read.verdict;
  const y = convTranspose2d(
    tensor(STRIDE_OVERLAP.x as unknown as number[][]),
    tensor(STRIDE_OVERLAP.kernel as unknown as number[][]),
    { stride: 2 },
  );
  const truth = y.get(2, 2);
  if (Math.abs(read.value - truth) < 1e-9) {
    return right(id, language, {
      en: "with stride 2 the blocks start 2 pixels apart, so (2, 2) is the bottom-right, bottom-left, top-right and top-left corner of the four blocks.",
      vi: "với stride 2 các khối bắt đầu cách nhau 2 pixel, nên (2, 2) là góc dưới phải, dưới trái, trên phải và trên trái của bốn khối.",
    });
  }
  return notYet(id, language, {
    en: "Block (i, j) starts at output (2i, 2j). For each of the four blocks, which kernel entry lands on (2, 2)? Multiply it by that block's input value and add.",
    vi: "Khối (i, j) bắt đầu tại output (2i, 2j). Với mỗi khối trong bốn khối, phần tử kernel nào rơi vào (2, 2)? Nhân nó với giá trị input của khối đó rồi cộng lại.",
  });
}

/**
 * Exercise 04.match-keras: for a 4x4 kernel and stride 2, choose PyTorch's `padding` and
 * `outputPadding` so that `convTranspose2d` gives exactly what Keras's `Conv2DTranspose(padding='same')`
 * gives. Right when both, run on a seeded 3x3 input and kernel, agree value for value.
 */
export function matchKeras(
  answer: { padding: number | null; outputPadding: number | null },
  language: Language = "en",
): ExerciseVerdict {
  const id = "04.match-keras";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.padding === null || answer.outputPadding === null) {
    return unanswered(id, language, { en: "padding and outputPadding", vi: "padding và outputPadding" });
  }
  for (const field of ["padding", "outputPadding"] as const) {
    if (!isInteger(answer[field]) || answer[field] < 0) {
      return wrongForm(id, language, field, answer[field], { en: "a whole number >= 0", vi: "một số nguyên >= 0" });
    }
  }
  const { padding, outputPadding } = answer as { padding: number; outputPadding: number };
  if (outputPadding >= 2) {
    return notYet(id, language, {
      en: "PyTorch refuses an output padding that is not smaller than the stride (2).",
      vi: "PyTorch không chấp nhận output padding không nhỏ hơn stride (2).",
    });
  }
  if (2 * padding >= 2 * 2 + 4) {
    return notYet(id, language, { en: "That padding crops the whole result.", vi: "Padding đó cắt mất toàn bộ kết quả." });
  }
  const x = tensor([
    [1, -2, 3],
    [0, 4, -1],
    [2, 1, -3],
  ]).reshape([1, 1, 3, 3]);
  const w = tensor([
    [1, 0, 2, -1],
    [3, 1, 0, 2],
    [-2, 1, 1, 0],
    [0, 2, -1, 1],
  ]).reshape([1, 1, 4, 4]);
  const keras = convTranspose2dKeras(nchwToNhwc(x), permute(w, [2, 3, 1, 0]), { strides: 2, padding: "same" });
  const torch = nchwToNhwc(convTranspose2d(x, w, { stride: 2, padding, outputPadding }));
  const sameShape = keras.shape.every((n, i) => n === torch.shape[i]);
  if (sameShape && maxAbsDiff(keras, torch) < 1e-9) {
    return right(id, language, {
      en: "Keras's 'same' crops (k - s) = 2 pixels in total, one per side, which is PyTorch's symmetric padding 1.",
      vi: "'same' của Keras cắt tổng cộng (k - s) = 2 pixel, mỗi phía một, đúng bằng padding đối xứng 1 của PyTorch.",
    });
  }
  if (!sameShape) {
    return notYet(id, language, {
      en: `PyTorch gives ${torch.shape[1]}x${torch.shape[2]}, Keras ${keras.shape[1]}x${keras.shape[2]}. Keras's 'same' output is i · s; how much does it crop from the full result?`,
      vi: `PyTorch cho ${torch.shape[1]}x${torch.shape[2]}, Keras cho ${keras.shape[1]}x${keras.shape[2]}. Output 'same' của Keras là i · s; nó cắt bao nhiêu từ kết quả đầy đủ?`,
    });
  }
  return notYet(id, language, {
    en: "The sizes agree but the values are shifted: PyTorch crops padding on every side and adds output padding at the bottom/right only. Where does Keras crop?",
    vi: "Kích thước bằng nhau nhưng giá trị bị lệch: PyTorch cắt padding ở mọi phía và chỉ thêm output padding ở dưới/phải. Keras cắt ở đâu?",
  });
}
