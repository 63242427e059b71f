/** Exercises of notebook 12 (sub-pixel convolution): where pixel shuffle reads from, the sub-pixel layer of a transposed convolution, a start free of the checkerboard. */
import { conv2d } from "../conv";
import { pixelShuffle, subPixelFromTransposed } from "../resample";
import { arange, ones, tensor, zeros } from "../tensor";
import { readNumber } from "./answerForms";
import { checkLanguage, notYet, right, unanswered, wrongForm, type ExerciseVerdict, type Language } from "./verdict";

/** The input of exercise 12.shuffle-source: 8 channels of 3x3 (2 output channels, factor 2), as (N, C, H, W). */
export const SHUFFLE_SOURCE_INPUT_SHAPE: readonly number[] = [1, 8, 3, 3];
/** The output pixel of exercise 12.shuffle-source: channel, row, column of `pixelShuffle(x, 2)`. */
export const SHUFFLE_SOURCE_PIXEL: readonly number[] = [1, 3, 4];

/** Answer of exercise 12.shuffle-source: an input channel and position. */
export interface ShuffleSourceAnswer {
  channel: number | null;
  row: number | null;
  col: number | null;
}

/**
 * Exercise 12.shuffle-source: `pixelShuffle(x, 2)` turns x of shape (1, 8, 3, 3) into (1, 2, 6, 6);
 * which input element (channel, row, column) does output channel 1, row 3, column 4 copy? Right when
 * `pixelShuffle` of an input whose every element holds its own flat index puts that element's index there.
 */
export function shuffleSource(answer: ShuffleSourceAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "12.shuffle-source";
  checkLanguage(id, language);
  const what = { en: "an input channel, row and column", vi: "một kênh, hàng và cột của input" };
  if (answer === null || typeof answer !== "object" || answer.channel === null || answer.row === null || answer.col === null) {
    return unanswered(id, language, what);
  }
  const [, channels, h, w] = SHUFFLE_SOURCE_INPUT_SHAPE;
  const limits = { channel: channels, row: h, col: w } as const;
  for (const field of ["channel", "row", "col"] as const) {
    const read = readNumber(id, language, field, answer[field], what, true);
    if (!read.ok) return read.verdict;
    if (read.value < 0 || read.value >= limits[field]) {
      return wrongForm(id, language, field, read.value, {
        en: `a whole number from 0 to ${limits[field] - 1} (x has shape [${SHUFFLE_SOURCE_INPUT_SHAPE.join(", ")}])`,
        vi: `một số nguyên từ 0 đến ${limits[field] - 1} (x có shape [${SHUFFLE_SOURCE_INPUT_SHAPE.join(", ")}])`,
      });
    }
  }
  const x = arange(channels * h * w).reshape([...SHUFFLE_SOURCE_INPUT_SHAPE]);
  const [c, r, q] = SHUFFLE_SOURCE_PIXEL;
  const source = pixelShuffle(x, 2).get(0, c, r, q);
  const given = ((answer.channel as number) * h + (answer.row as number)) * w + (answer.col as number);
  if (given === source) {
    return right(id, language, {
      en: `Row 3 = 1·2 + 1 and column 4 = 2·2 + 0: block (1, 2), position (1, 0) inside it, so channel 1·4 + 1·2 + 0 = ${answer.channel} at (${answer.row}, ${answer.col}).`,
      vi: `Hàng 3 = 1·2 + 1 và cột 4 = 2·2 + 0: khối (1, 2), vị trí (1, 0) trong khối, nên là kênh 1·4 + 1·2 + 0 = ${answer.channel} tại (${answer.row}, ${answer.col}).`,
    });
  }
  return notYet(id, language, {
    en: "Not this element. Split the output row and column into a block index and a position inside the 2x2 block (quotient and remainder by 2): the block index is the input position, and output channel c with block position (i, j) reads input channel c·4 + 2i + j.",
    vi: "Chưa phải phần tử này. Hãy tách hàng và cột của output thành chỉ số khối và vị trí trong khối 2x2 (thương và số dư khi chia cho 2): chỉ số khối là vị trí trong input, và kênh output c tại vị trí (i, j) trong khối đọc kênh input c·4 + 2i + j.",
  });
}

/** Answer of exercise 12.sub-pixel-shape: the channels and kernel size of the convolution before the shuffle. */
export interface SubPixelShapeAnswer {
  channels: number | null;
  kernelSize: number | null;
}

/**
 * Exercise 12.sub-pixel-shape: a transposed convolution with 1 input channel, 1 output channel, a 5x5
 * kernel and stride 3, rewritten as convolution + pixel shuffle: how many output channels and which
 * kernel size does the convolution need? Right when they match `subPixelFromTransposed`'s weight.
 */
export function subPixelShape(answer: SubPixelShapeAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "12.sub-pixel-shape";
  checkLanguage(id, language);
  const what = { en: "a number of channels and a kernel size", vi: "một số kênh và một kích thước kernel" };
  if (answer === null || typeof answer !== "object" || answer.channels === null || answer.kernelSize === null) {
    return unanswered(id, language, what);
  }
  const channels = readNumber(id, language, "channels", answer.channels, what, true);
  if (!channels.ok) return channels.verdict;
  const kernelSize = readNumber(id, language, "kernelSize", answer.kernelSize, what, true);
  if (!kernelSize.ok) return kernelSize.verdict;
  const [expectedChannels, , expectedKernel] = subPixelFromTransposed(zeros([1, 1, 5, 5]), 3).weight.shape;
  const channelsRight = channels.value === expectedChannels;
  const kernelRight = kernelSize.value === expectedKernel;
  if (channelsRight && kernelRight) {
    return right(id, language, {
      en: `One channel per phase: 3 x 3 = ${expectedChannels}; each phase keeps every third tap of the 5 taps per axis, at most ⌈5/3⌉ = ${expectedKernel}.`,
      vi: `Mỗi pha một kênh: 3 x 3 = ${expectedChannels}; mỗi pha giữ một trong ba hệ số của 5 hệ số theo mỗi trục, nhiều nhất ⌈5/3⌉ = ${expectedKernel}.`,
    });
  }
  if (!channelsRight) {
    return notYet(id, language, {
      en: "The number of channels is not right. The pixel shuffle fills each s x s block of one output channel from its own group of channels: how many positions does a block of stride 3 have?",
      vi: "Số kênh chưa đúng. Pixel shuffle lấp mỗi khối s x s của một kênh output từ một nhóm kênh riêng: một khối với stride 3 có bao nhiêu vị trí?",
    });
  }
  return notYet(id, language, {
    en: "The channels are right, the kernel size is not. Along one axis, output o = 3q + r receives the taps w[r], w[3 + r], ...: how many of the 5 taps can one phase get?",
    vi: "Số kênh đúng, kích thước kernel chưa đúng. Theo một trục, output o = 3q + r nhận các hệ số w[r], w[3 + r], ...: một pha nhận được nhiều nhất bao nhiêu trong 5 hệ số?",
  });
}

/** Answer of exercise 12.flat-start: the four 2x2 sub-kernels of a sub-pixel layer (C_out = 1, factor 2). */
export interface SubKernelsAnswer {
  kernels: number[][][] | null;
}

function hasNull(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.some(hasNull));
}

/**
 * Exercise 12.flat-start: choose the weights of a sub-pixel layer (four 2x2 sub-kernels, one input
 * and one output channel, factor 2), not four copies of one kernel (ICNR) and not all zero, so that a flat input gives a
 * flat output away from the borders. Right when `pixelShuffle(conv2d(ones, w, padding 1), 2)` has
 * the same value at every interior pixel.
 */
export function flatStart(answer: SubKernelsAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "12.flat-start";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || hasNull(answer.kernels)) {
    return unanswered(id, language, { en: "the four 2x2 sub-kernels", vi: "bốn kernel con 2x2" });
  }
  const k = answer.kernels;
  const isMatrix = (m: unknown) =>
    Array.isArray(m) &&
    m.length === 2 &&
    m.every((row) => Array.isArray(row) && row.length === 2 && row.every((v) => typeof v === "number" && Number.isFinite(v)));
  if (!Array.isArray(k) || k.length !== 4 || !k.every(isMatrix)) {
    return wrongForm(id, language, "kernels", JSON.stringify(k), {
      en: "4 sub-kernels of 2 rows of 2 numbers, e.g. [[[1, 2], [3, 4]], ...]",
      vi: "4 kernel con, mỗi cái 2 hàng 2 số, ví dụ [[[1, 2], [3, 4]], ...]",
    });
  }
  if (k.every((m) => m.flat().every((v, i) => v === k[0].flat()[i]))) {
    return notYet(id, language, {
      en: "The four sub-kernels are copies of one kernel: that is ICNR, shown above. Find sub-kernels that differ from each other and still keep the output flat.",
      vi: "Bốn kernel con là bản sao của một kernel: đó là ICNR, đã thấy ở trên. Hãy tìm các kernel con khác nhau mà output vẫn phẳng.",
    });
  }
  const weight = tensor(k, { dtype: "float64" }).reshape([4, 1, 2, 2]);
  const y = pixelShuffle(conv2d(ones([1, 1, 6, 6], { dtype: "float64" }), weight, { padding: 1 }), 2);
  const inner: number[] = [];
  for (let r = 4; r < 10; r++) for (let c = 4; c < 10; c++) inner.push(y.get(0, 0, r, c));
  const [min, max] = [Math.min(...inner), Math.max(...inner)];
  const size = Math.max(Math.abs(min), Math.abs(max));
  if (size < 1e-9) {
    return notYet(id, language, {
      en: "The output is all zeros inside: flat, but it shows nothing of the input. Keep some weight.",
      vi: "Output bên trong toàn 0: phẳng thật, nhưng chẳng còn gì của input. Hãy giữ lại một ít trọng số.",
    });
  }
  if (max - min <= 1e-9 * size) {
    return right(id, language, {
      en: `Every interior pixel is ${max.toFixed(3)}: on a flat input each phase gives the sum of its sub-kernel, and your four sums are equal although the sub-kernels differ.`,
      vi: `Mọi pixel bên trong bằng ${max.toFixed(3)}: với input phẳng mỗi pha cho tổng các phần tử kernel con của nó, và bốn tổng của bạn bằng nhau dù các kernel con khác nhau.`,
    });
  }
  return notYet(id, language, {
    en: `The interior still ranges from ${min.toFixed(3)} to ${max.toFixed(3)}, repeating every 2 pixels. On an all-ones input, what does one sub-kernel produce at an interior pixel of its phase?`,
    vi: `Phần bên trong vẫn dao động từ ${min.toFixed(3)} đến ${max.toFixed(3)}, lặp lại mỗi 2 pixel. Với input toàn số 1, một kernel con cho ra giá trị gì tại một pixel bên trong thuộc pha của nó?`,
  });
}
