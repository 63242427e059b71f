/** Exercises of notebook 1 (why upsample: shapes through an encoder-decoder, and their cost). */
import { convOutputSize, convTransposeOutputSize } from "../shape";
import { isInteger, checkLanguage, notYet, right, unanswered, wrongForm, type ExerciseVerdict, type Language } from "./verdict";
import { readNumber } from "./answerForms";

/**
 * Exercise 01.odd-size: a 30x30 input goes through two encoder stages (each a 2x2 max-pool of stride 2)
 * and back through two transposed convolutions (k = 2, s = 2). Choose each decoder stage's output
 * padding (0 or 1) so the decoder lands on 30x30 with every skip connection's size matching.
 * Right when the size formulas, stage by stage, give back 15 and then 30.
 */
export function oddSize(
  answer: { outputPadding: readonly (number | null)[] | null },
  language: Language = "en",
): ExerciseVerdict {
  const id = "01.odd-size";
  checkLanguage(id, language);
  const given = answer?.outputPadding;
  if (!Array.isArray(given) || given.some((v) => v === null)) {
    return unanswered(id, language, { en: "the two output paddings", vi: "hai giá trị output padding" });
  }
  if (given.length !== 2 || !given.every((v) => isInteger(v) && v >= 0 && v < 2)) {
    return wrongForm(id, language, "outputPadding", JSON.stringify(given), {
      en: "two numbers, each 0 or 1",
      vi: "hai số, mỗi số là 0 hoặc 1",
    });
  }
  const down = [30];
  for (let d = 0; d < 2; d++) down.push(convOutputSize({ i: down[d], k: 2, s: 2 }).size);
  let size = down[2];
  const sizes: number[] = [];
  for (let u = 0; u < 2; u++) {
    size = convTransposeOutputSize({ i: size, k: 2, s: 2, outputPadding: given[u] as number }).size;
    sizes.push(size);
  }
  if (sizes[0] === down[1] && sizes[1] === down[0]) {
    return right(id, language, {
      en: `${down.join(" → ")} on the way down, ${[down[2], ...sizes].join(" → ")} on the way up.`,
      vi: `${down.join(" → ")} khi đi xuống, ${[down[2], ...sizes].join(" → ")} khi đi lên.`,
    });
  }
  return notYet(id, language, {
    en: `The decoder gives ${[down[2], ...sizes].join(" → ")}. Follow the encoder first: where does pooling floor an odd size? That stage's mirror needs the extra row.`,
    vi: `Decoder cho ${[down[2], ...sizes].join(" → ")}. Hãy theo encoder trước: pooling làm tròn xuống một kích thước lẻ ở đâu? Tầng đối xứng với nó cần thêm một hàng.`,
  });
}

/**
 * Exercise 01.decoder-cost: how many multiply-adds does a 2x2 transposed convolution of stride 2 need
 * to take (1, 32, 8, 8) to (1, 16, 16, 16)? Right when it equals the count of (input pixel, input
 * channel, output channel, kernel entry) products.
 */
export function decoderCost(answer: { multiplyAdds: number | null }, language: Language = "en"): ExerciseVerdict {
  const id = "01.decoder-cost";
  checkLanguage(id, language);
  const read = readNumber(
    id,
    language,
    "multiplyAdds",
    answer?.multiplyAdds,
    { en: "your count", vi: "số phép tính của bạn" },
    true,
  );
  if (!read.ok) return read.verdict;
  const [h, w, cin, cout, k] = [8, 8, 32, 16, 2];
  const truth = h * w * cin * cout * k * k;
  if (read.value === truth) {
    return right(id, language, {
      en: "each of the 8·8 input pixels of each of the 32 channels multiplies a 2x2 kernel for each of the 16 output channels.",
      vi: "mỗi pixel trong 8·8 pixel input của mỗi kênh trong 32 kênh nhân với một kernel 2x2 cho mỗi kênh trong 16 kênh output.",
    });
  }
  if (read.value === truth * 4) {
    return notYet(id, language, {
      en: "That counts a k x k window for every output pixel. With stride 2 and k = 2 the blocks do not overlap: each output pixel gets one term per input channel.",
      vi: "Cách đó đếm một cửa sổ k x k cho mỗi pixel output. Với stride 2 và k = 2 các khối không chồng lên nhau: mỗi pixel output chỉ nhận một số hạng cho mỗi kênh input.",
    });
  }
  return notYet(id, language, {
    en: "Count products: every input pixel of every input channel is multiplied by the whole k x k kernel, once for each output channel.",
    vi: "Hãy đếm các phép nhân: mỗi pixel input của mỗi kênh input được nhân với toàn bộ kernel k x k, một lần cho mỗi kênh output.",
  });
}
