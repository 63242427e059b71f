/** Exercises of notebook 10 (learning an upsampling kernel): a learning rate that converges, a kernel for nearest neighbour. */
import { convTranspose2d, convTranspose2dBackward } from "../conv";
import { upsampleBilinear, upsampleNearest } from "../resample";
import { randn, Tensor } from "../tensor";
import { readMatrix } from "./answerForms";
import { checkLanguage, notYet, right, unanswered, wrongForm, type ExerciseVerdict, type Language } from "./verdict";

/**
 * The smooth 32x32 test image of exercise 10.learning-rate, (1, 1, 32, 32):
 * 0.45 + 0.25·sin(r/5)·cos(c/7) + 0.1·sin((r + c)/3), a stand-in for a photograph's correlated pixels.
 */
export function smoothTestImage(): Tensor {
  const n = 32;
  const data = Float32Array.from({ length: n * n }, (_, i) => {
    const [r, c] = [Math.floor(i / n), i % n];
    return 0.45 + 0.25 * Math.sin(r / 5) * Math.cos(c / 7) + 0.1 * Math.sin((r + c) / 3);
  });
  return new Tensor(data, [1, 1, n, n]);
}

/** The loss after each of `steps` plain gradient-descent steps with learning rate `lr` (notebook 10's loss, interior only). */
function plainDescent(lr: number, steps: number): number[] {
  const x = smoothTestImage();
  const target = upsampleBilinear(x, { scale: 2 });
  const [h, w] = target.shape.slice(-2);
  const count = (h - 2) * (w - 2);
  const opts = { stride: 2, padding: 1 };
  let kernel = randn([1, 1, 4, 4], { seed: 5, dtype: "float32" });
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const y = convTranspose2d(x, kernel, opts);
    const dy = new Float32Array(y.size);
    let loss = 0;
    for (let r = 1; r < h - 1; r++)
      for (let c = 1; c < w - 1; c++) {
        const i = r * w + c,
          d = y.data[i] - target.data[i];
        loss += d * d;
        dy[i] = d / count;
      }
    losses.push(loss / (2 * count));
    if (!Number.isFinite(loss)) break;
    const grad = convTranspose2dBackward(x, kernel, new Tensor(dy, y.shape), opts).gradWeight;
    kernel = new Tensor(
      kernel.data.map((v, j) => v - lr * grad.data[j]),
      kernel.shape,
    );
  }
  return losses;
}

/** Answer of exercise 10.learning-rate: the learning rate η. */
export interface LearningRateAnswer {
  lr: number | null;
}

/** The loss exercise 10.learning-rate asks to reach within 100 plain steps. */
export const LEARNING_RATE_TARGET = 7e-4;

/**
 * Exercise 10.learning-rate: plain gradient descent (no momentum), 100 steps from the notebook's
 * seeded random kernel, on `smoothTestImage()` and its bilinear x2 target. Choose η so that the loss
 * ends below 7e-4. Right when the run, done here, gets there.
 */
export function learningRate(answer: LearningRateAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "10.learning-rate";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.lr === null) {
    return unanswered(id, language, { en: "a learning rate", vi: "một learning rate" });
  }
  const lr = answer.lr;
  if (typeof lr !== "number" || !Number.isFinite(lr) || lr <= 0 || lr > 1000) {
    return wrongForm(id, language, "lr", lr, {
      en: "a number above 0 (and at most 1000)",
      vi: "một số lớn hơn 0 (và không quá 1000)",
    });
  }
  const losses = plainDescent(lr, 100);
  const last = losses[losses.length - 1];
  if (losses.length === 100 && last < LEARNING_RATE_TARGET) {
    return right(id, language, {
      en: `The loss went from ${losses[0].toExponential(2)} to ${last.toExponential(2)} in 100 steps.`,
      vi: `Loss giảm từ ${losses[0].toExponential(2)} xuống ${last.toExponential(2)} sau 100 bước.`,
    });
  }
  const rose = losses.some((l, i) => i > 0 && !(l <= losses[i - 1]));
  if (rose) {
    return notYet(id, language, {
      en: `The loss went up along the way (it ended at ${Number.isFinite(last) ? last.toExponential(2) : last}): each step overshoots the bottom of the steepest direction, by more every time. Steps must stay below 2 divided by the largest curvature.`,
      vi: `Loss có lúc tăng lên (cuối cùng là ${Number.isFinite(last) ? last.toExponential(2) : last}): mỗi bước vượt quá đáy của hướng dốc nhất, và vượt nhiều hơn sau mỗi lần. Bước đi phải nhỏ hơn 2 chia cho độ cong lớn nhất.`,
    });
  }
  const bigger = plainDescent(lr * 1.1, 100);
  if (!(bigger[bigger.length - 1] < last)) {
    return notYet(id, language, {
      en: `The loss fell, but only to ${last.toExponential(2)}, and a bigger step would not do better: this step is so close to the limit that the steepest direction bounces from side to side and settles slowly. Back off a little.`,
      vi: `Loss có giảm, nhưng chỉ xuống ${last.toExponential(2)}, và bước lớn hơn cũng không tốt hơn: bước này sát giới hạn đến mức hướng dốc nhất dao động qua lại và ổn định rất chậm. Hãy lùi lại một chút.`,
    });
  }
  return notYet(id, language, {
    en: `The loss fell steadily but only to ${last.toExponential(2)}: the gentle directions of the narrow valley need bigger steps. Push η up as far as the steepest direction allows.`,
    vi: `Loss giảm đều nhưng chỉ xuống ${last.toExponential(2)}: các hướng thoải của thung lũng hẹp cần bước lớn hơn. Hãy tăng η đến mức hướng dốc nhất còn cho phép.`,
  });
}

/** Answer of exercise 10.nearest-kernel: a 2x2 kernel given as rows. */
export interface SmallKernelAnswer {
  rows: number[][] | null;
}

/**
 * Exercise 10.nearest-kernel: a 2x2 kernel for which a stride-2 transposed convolution (no padding)
 * is exactly nearest-neighbour x2 upsampling. Right when both agree on a random input.
 */
export function nearestKernel(answer: SmallKernelAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "10.nearest-kernel";
  checkLanguage(id, language);
  const read = readMatrix(id, language, "rows", answer?.rows, 2, 2, { en: "the 2 rows of the kernel", vi: "2 hàng của kernel" });
  if (!read.ok) return read.verdict;
  const m = read.value;
  const x = randn([1, 1, 5, 5], { seed: 10, dtype: "float64" });
  const kernel = new Tensor(Float64Array.from(m.flat()), [1, 1, 2, 2]);
  const y = convTranspose2d(x, kernel, { stride: 2 });
  const t = upsampleNearest(x, { scale: 2 });
  let worst = 0;
  for (let i = 0; i < t.size; i++) worst = Math.max(worst, Math.abs(y.data[i] - t.data[i]));
  if (worst < 1e-9) {
    return right(id, language, {
      en: "With k = s = 2 the stamps tile the output without overlap, and each copies its input pixel into its 2x2 block.",
      vi: "Với k = s = 2 các bản sao lát kín output mà không chồng lên nhau, và mỗi bản sao chép pixel input của nó vào khối 2x2 của nó.",
    });
  }
  return notYet(id, language, {
    en: `The results differ by up to ${worst.toFixed(3)}. With k = s = 2 each input pixel's stamp covers exactly its own 2x2 block; what must every pixel of that block receive in nearest-neighbour upsampling?`,
    vi: `Hai kết quả lệch nhau tới ${worst.toFixed(3)}. Với k = s = 2 bản sao của mỗi pixel input phủ đúng khối 2x2 của riêng nó; trong nearest-neighbour upsampling, mỗi pixel của khối đó phải nhận giá trị gì?`,
  });
}
