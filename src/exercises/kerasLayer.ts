/** Exercises of notebook 7 (Keras Conv2DTranspose): 'same' as PyTorch padding, 'valid' sizes, one output value by hand. */
import { convTranspose2d, convTranspose2dKeras } from "../conv";
import { nhwcToNchw, permute, rand, randn, zeros, type Tensor } from "../tensor";
import { checkLanguage, isInteger, notYet, right, unanswered, wrongForm, type ExerciseVerdict, type Language } from "./verdict";

/** The notebook's layer input: one 3x3 image with 3 channels, NHWC, as `np.random.rand(1, 3, 3, 3)`. */
function layerInput(): Tensor {
  return rand([1, 3, 3, 3], { seed: 2020 });
}

/** The notebook's Keras kernel (kh, kw, filters, in) = (3, 3, 6, 3). */
function layerKernel(): Tensor {
  return randn([3, 3, 6, 3], { seed: 7 });
}

/** Answer of exercise 07.same-padding: the padding of each side, PyTorch style (cropped from the full result). */
export interface SidePaddingAnswer {
  top: number | null;
  left: number | null;
  bottom: number | null;
  right: number | null;
}

/**
 * Exercise 07.same-padding: which padding `[top, left, bottom, right]` makes `convTranspose2d`
 * (PyTorch conventions) give exactly Keras `Conv2DTranspose(6, 3, strides=2, padding='same')` of the
 * notebook's input and kernel? Right when the two results agree in shape and values.
 */
export function samePadding(answer: SidePaddingAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "07.same-padding";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || [answer.top, answer.left, answer.bottom, answer.right].includes(null)) {
    return unanswered(id, language, { en: "the four paddings", vi: "bốn giá trị padding" });
  }
  for (const side of ["top", "left", "bottom", "right"] as const) {
    const value = answer[side];
    if (!isInteger(value) || value < 0)
      return wrongForm(id, language, side, value, { en: "a whole number >= 0", vi: "một số nguyên >= 0" });
  }
  const { top, left, bottom, right: rightPad } = answer as { top: number; left: number; bottom: number; right: number };
  if (top + bottom >= 7 || left + rightPad >= 7) {
    return notYet(id, language, {
      en: "The full result is 7 pixels wide; this padding crops all of it away. Padding only removes pixels.",
      vi: "Kết quả đầy đủ rộng 7 pixel; padding này cắt bỏ toàn bộ. Padding chỉ bớt pixel đi.",
    });
  }
  const x = layerInput(),
    kernel = layerKernel();
  const keras = convTranspose2dKeras(x, kernel, { strides: 2, padding: "same" });
  const torch = convTranspose2d(nhwcToNchw(x), permute(kernel, [3, 2, 0, 1]), {
    stride: 2,
    padding: [top, left, bottom, rightPad],
  });
  const [h, w] = [torch.shape[2], torch.shape[3]];
  if (h !== keras.shape[1] || w !== keras.shape[2]) {
    return notYet(id, language, {
      en: `This padding gives ${h}x${w}; 'same' gives ${keras.shape[1]}x${keras.shape[2]} (i·s). Start from the full result, (i - 1)·s + k pixels, and crop only what is too much.`,
      vi: `Padding này cho ${h}x${w}; 'same' cho ${keras.shape[1]}x${keras.shape[2]} (i·s). Hãy bắt đầu từ kết quả đầy đủ, (i - 1)·s + k pixel, và chỉ cắt phần thừa.`,
    });
  }
  let worst = 0;
  for (let n = 0; n < keras.size; n++) {
    const [r, c, f] = [Math.floor(n / 36), Math.floor(n / 6) % 6, n % 6];
    worst = Math.max(worst, Math.abs(keras.data[n] - torch.get(0, f, r, c)));
  }
  if (worst < 1e-4) {
    return right(id, language, {
      en: "Same size and the same numbers. TensorFlow crops the odd pixel at the bottom and right, not at the top and left.",
      vi: "Cùng kích thước và cùng các con số. TensorFlow cắt pixel lẻ ở dưới và bên phải, không phải ở trên và bên trái.",
    });
  }
  return notYet(id, language, {
    en: `The size is right, but the numbers differ (by up to ${worst.toFixed(3)}): the result is shifted. Which side does TensorFlow crop when the extra pixels cannot be split evenly? Compare the first rows of both results.`,
    vi: `Kích thước đúng, nhưng các con số khác nhau (lệch tới ${worst.toFixed(3)}): kết quả bị dịch đi. Khi số pixel thừa không chia đều được, TensorFlow cắt ở phía nào? Hãy so hàng đầu tiên của hai kết quả.`,
  });
}

/** Answer of exercise 07.valid-size: a Keras kernel size and stride. */
export interface KernelStrideAnswer {
  k: number | null;
  s: number | null;
}

/**
 * Exercise 07.valid-size: choose `k` and `s` for `Conv2DTranspose(..., padding='valid')` so that the
 * 3x3 input becomes 12x12. Right when the layer, run by the library, gives 12x12.
 */
export function validSize(answer: KernelStrideAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "07.valid-size";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.k === null || answer.s === null) {
    return unanswered(id, language, { en: "k and s", vi: "k và s" });
  }
  for (const field of ["k", "s"] as const) {
    const value = answer[field];
    if (!isInteger(value) || value < 1 || value > 64) {
      return wrongForm(id, language, field, value, { en: "a whole number from 1 to 64", vi: "một số nguyên từ 1 đến 64" });
    }
  }
  const { k, s } = answer as { k: number; s: number };
  const size = convTranspose2dKeras(zeros([1, 3, 3, 1]), zeros([k, k, 1, 1]), { strides: s, padding: "valid" }).shape[1];
  if (size === 12) {
    return right(id, language, {
      en: `With k = ${k} and s = ${s} the output is 12x12${k < s ? " (the kernel is smaller than the stride, so Keras keeps the last gap)" : ""}.`,
      vi: `Với k = ${k} và s = ${s} output là 12x12${k < s ? " (kernel nhỏ hơn stride, nên Keras giữ khoảng trống cuối cùng)" : ""}.`,
    });
  }
  return notYet(id, language, {
    en: `These settings give ${size}x${size}. Each input pixel owns s output pixels, and a kernel wider than the stride spills k - s more past the last one.`,
    vi: `Các giá trị này cho ${size}x${size}. Mỗi pixel input chiếm s pixel output, và kernel rộng hơn stride tràn thêm k - s pixel sau pixel cuối cùng.`,
  });
}

/** Answer of exercise 07.corner-value: one number. */
export interface ValueAnswer {
  value: number | null;
}

/**
 * Exercise 07.corner-value: the top-left value of output map 2, `y[0, 0, 0, 2]`, computed by hand
 * from `x` and `kernel` (not read from `y`). Right within 1e-4 of the layer's value.
 */
export function cornerValue(answer: ValueAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "07.corner-value";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.value === null) {
    return unanswered(id, language, { en: "your number", vi: "con số của bạn" });
  }
  if (typeof answer.value !== "number" || !Number.isFinite(answer.value)) {
    return wrongForm(id, language, "value", answer.value, { en: "a finite number", vi: "một số hữu hạn" });
  }
  const y = convTranspose2dKeras(layerInput(), layerKernel(), { strides: 2, padding: "valid" });
  const expected = y.get(0, 0, 0, 2);
  if (Math.abs(answer.value - expected) < 1e-4) {
    return right(id, language, {
      en: `${expected.toFixed(4)}. Only the stamp of input pixel (0, 0) reaches the corner, so it is one product per input channel, summed.`,
      vi: `${expected.toFixed(4)}. Chỉ bản sao của pixel input (0, 0) chạm tới góc, nên giá trị là tổng của một tích cho mỗi channel input.`,
    });
  }
  return notYet(id, language, {
    en: "Not this number. Which input pixels' stamps reach the top-left corner of the output, and which kernel entry lands there? Then remember that a filter sums over all input channels.",
    vi: "Chưa phải con số này. Bản sao của những pixel input nào chạm tới góc trên bên trái của output, và phần tử kernel nào rơi vào đó? Sau đó nhớ rằng một filter cộng qua mọi channel input.",
  });
}
