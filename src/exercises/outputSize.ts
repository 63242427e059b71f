/** Exercises of notebook 6 (output size): the transposed-convolution size formula, forwards and backwards. */
import { convOutputSize, convTransposeOutputSize } from "../shape";
import { checkLanguage, isInteger, notYet, right, unanswered, wrongForm, type ExerciseVerdict, type Language } from "./verdict";

/** An answer made of transposed-convolution settings; `null` marks a placeholder not yet filled in. */
export interface SettingsAnswer {
  k: number | null;
  s: number | null;
  p: number | null;
}

/** The first field of `answer` that is not a whole number in its range, as a verdict; undefined when all are. */
function settingsProblem(id: string, language: Language, answer: SettingsAnswer): ExerciseVerdict | undefined {
  const lows: [keyof SettingsAnswer, number][] = [
    ["k", 1],
    ["s", 1],
    ["p", 0],
  ];
  for (const [field, low] of lows) {
    const value = answer[field];
    if (!isInteger(value) || value < low) {
      return wrongForm(id, language, field, value, { en: `a whole number >= ${low}`, vi: `một số nguyên >= ${low}` });
    }
  }
  return undefined;
}

/**
 * Exercise 06.five-to-ten: choose `k`, `s`, `p` so that a transposed convolution takes a 5x5
 * input to 10x10 (no output padding). Right when the library's output-size formula gives 10.
 */
export function fiveToTen(answer: SettingsAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "06.five-to-ten";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.k === null || answer.s === null || answer.p === null) {
    return unanswered(id, language, { en: "k, s and p", vi: "k, s và p" });
  }
  const problem = settingsProblem(id, language, answer);
  if (problem) return problem;
  const { k, s, p } = answer as { k: number; s: number; p: number };
  const full = (5 - 1) * s + k;
  if (2 * p >= full) {
    return notYet(id, language, {
      en: `Padding crops ${p} pixels from each side of a ${full}-pixel full result: nothing would be left. Padding removes, it never adds.`,
      vi: `Padding cắt ${p} pixel ở mỗi phía của kết quả đầy đủ ${full} pixel: không còn gì cả. Padding chỉ bớt đi, không bao giờ thêm vào.`,
    });
  }
  const o = convTransposeOutputSize({ i: 5, k, s, p }).size;
  if (o === 10) {
    return right(id, language, {
      en: `o = (5 - 1)·${s} + ${k} - 2·${p} = 10.`,
      vi: `o = (5 - 1)·${s} + ${k} - 2·${p} = 10.`,
    });
  }
  return notYet(id, language, {
    en: `These settings give ${o}x${o}. The stride spreads the 5 input pixels apart: (i - 1)·s is the distance from the first product to the last, k adds the last product's width, and 2p is cropped.`,
    vi: `Các giá trị này cho ${o}x${o}. Stride kéo giãn 5 pixel input: (i - 1)·s là khoảng cách từ tích đầu tiên đến tích cuối cùng, k cộng thêm bề rộng của tích cuối, và 2p bị cắt đi.`,
  });
}

/** Answer of exercise 06.round-trip: a convolution's settings. */
export interface RoundTripAnswer {
  k: number | null;
  s: number | null;
  p: number | null;
}

/**
 * Exercise 06.round-trip: the transposed convolution k = 4, s = 2, p = 1 takes 8 to 16; choose the
 * convolution settings `k`, `s`, `p` that take 16 back to 8 *and* 8 to 16 when transposed
 * (the same k, s, p for both directions). Right when both formulas agree.
 */
export function roundTrip(answer: RoundTripAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "06.round-trip";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.k === null || answer.s === null || answer.p === null) {
    return unanswered(id, language, { en: "k, s and p", vi: "k, s và p" });
  }
  const problem = settingsProblem(id, language, answer);
  if (problem) return problem;
  const { k, s, p } = answer as { k: number; s: number; p: number };
  if (k > 16 + 2 * p) {
    return notYet(id, language, {
      en: `A ${k}-wide kernel does not fit in a 16-pixel input padded by ${p}: the convolution has no output at all.`,
      vi: `Kernel rộng ${k} không vừa với input 16 pixel được padding ${p}: convolution không có output nào.`,
    });
  }
  const down = convOutputSize({ i: 16, k, s, p }).size;
  const up = convTransposeOutputSize({ i: 8, k, s, p }).size;
  if (down === 8 && up === 16) {
    return right(id, language, {
      en: `the convolution gives 16 → ${down} and the transposed one ${8} → ${up} with the same k, s, p.`,
      vi: `convolution cho 16 → ${down} và transposed convolution cho 8 → ${up} với cùng k, s, p.`,
    });
  }
  return notYet(id, language, {
    en: `With these settings the convolution gives 16 → ${down} and the transposed convolution 8 → ${up}. Both must hold; the floor in the convolution formula is why several settings shrink alike but only some grow back exactly.`,
    vi: `Với các giá trị này convolution cho 16 → ${down} và transposed convolution cho 8 → ${up}. Cần cả hai; phép làm tròn xuống (floor) trong công thức convolution là lý do nhiều bộ tham số cùng thu nhỏ như nhau nhưng chỉ một số phóng to lại đúng kích thước.`,
  });
}

/** Answer of exercise 06.predict-size: an output size. */
export interface SizeAnswer {
  o: number | null;
}

/**
 * Exercise 06.predict-size: PyTorch's `ConvTranspose2d(kernel_size=5, stride=3, padding=2,
 * output_padding=1)` receives a 7x7 input; predict the output size `o`. Right when it equals the
 * library's size formula; hints say which term a wrong answer most likely left out.
 */
export function predictSize(answer: SizeAnswer, language: Language = "en"): ExerciseVerdict {
  const id = "06.predict-size";
  checkLanguage(id, language);
  if (answer === null || typeof answer !== "object" || answer.o === null) {
    return unanswered(id, language, { en: "the output size o", vi: "kích thước output o" });
  }
  if (!isInteger(answer.o) || answer.o < 1) {
    return wrongForm(id, language, "o", answer.o, { en: "a whole number >= 1", vi: "một số nguyên >= 1" });
  }
  const params = { i: 7, k: 5, s: 3, p: 2, outputPadding: 1 };
  const o = convTransposeOutputSize(params).size;
  if (answer.o === o) {
    return right(id, language, {
      en: `${convTransposeOutputSize(params).formula}.`,
      vi: `${convTransposeOutputSize(params).formula}.`,
    });
  }
  const without = (changes: Partial<typeof params>) => convTransposeOutputSize({ ...params, ...changes }).size;
  if (answer.o === without({ outputPadding: 0 })) {
    return notYet(id, language, {
      en: "Almost: one argument of the layer adds to the size after the cropping. Read the layer's arguments again.",
      vi: "Gần đúng: một tham số của layer cộng thêm vào kích thước sau khi cắt. Hãy đọc lại các tham số của layer.",
    });
  }
  if (answer.o === without({ p: 0 }) || answer.o === o + params.p) {
    return notYet(id, language, {
      en: "Look at what padding does in a transposed convolution: it crops the full result, on both sides.",
      vi: "Hãy xem padding làm gì trong transposed convolution: nó cắt bớt kết quả đầy đủ, ở cả hai phía.",
    });
  }
  return notYet(id, language, {
    en: "Start from the full result: the first and last of the 7 products are (i - 1)·s apart, and the last one is k wide. Then apply padding and output padding.",
    vi: "Bắt đầu từ kết quả đầy đủ: tích đầu tiên và tích cuối cùng trong 7 tích cách nhau (i - 1)·s, và tích cuối rộng k. Sau đó áp dụng padding và output padding.",
  });
}
