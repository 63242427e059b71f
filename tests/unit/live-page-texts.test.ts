// The live page's status texts (widgets/page/status-text.json): every language says every thing,
// with the same placeholders, and the Vietnamese texts are Vietnamese, not English left behind.
import { expect, it } from "vitest";
import texts from "../../widgets/page/status-text.json";

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

it("has every text in English and Vietnamese, with the same placeholders", () => {
  expect(Object.keys(texts.vi).sort()).toEqual(Object.keys(texts.en).sort());
  for (const key of Object.keys(texts.en) as (keyof typeof texts.en)[]) {
    expect(placeholders(texts.vi[key]), key).toEqual(placeholders(texts.en[key]));
    expect(texts.vi[key], key).not.toEqual(texts.en[key]);
    expect(texts.vi[key], key).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỷỹý]/i);
  }
});
