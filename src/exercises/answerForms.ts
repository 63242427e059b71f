/**
 * Reading a student's answer of a given form (a number, a small matrix, a list of positions): either
 * the value, or the verdict that says what is missing or malformed (a placeholder `null` left, a
 * row of the wrong length), so a typo is told apart from a wrong idea.
 */
import { isInteger, unanswered, wrongForm, type ExerciseVerdict, type Language, type Localized } from "./verdict";

/** Either the answer read, or the verdict to show instead. */
export type Read<T> = { ok: true; value: T } | { ok: false; verdict: ExerciseVerdict };

function hasNull(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.some(hasNull));
}

/** A finite number (an integer when `integer`), from `field` of the answer. */
export function readNumber(
  id: string,
  language: Language,
  field: string,
  value: unknown,
  what: Localized,
  integer = false,
): Read<number> {
  if (value === null || value === undefined) return { ok: false, verdict: unanswered(id, language, what) };
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !isInteger(value))) {
    const expected = integer ? { en: "a whole number", vi: "một số nguyên" } : { en: "a number", vi: "một số" };
    return { ok: false, verdict: wrongForm(id, language, field, value, expected) };
  }
  return { ok: true, value };
}

/** A `rows` x `cols` matrix of finite numbers (nested arrays), from `field` of the answer. */
export function readMatrix(
  id: string,
  language: Language,
  field: string,
  value: unknown,
  rows: number,
  cols: number,
  what: Localized,
): Read<number[][]> {
  if (hasNull(value)) return { ok: false, verdict: unanswered(id, language, what) };
  const shape = {
    en: `${rows} rows of ${cols} numbers, e.g. [[1, 2], [3, 4]]`,
    vi: `${rows} hàng, mỗi hàng ${cols} số, ví dụ [[1, 2], [3, 4]]`,
  };
  if (!Array.isArray(value) || value.length !== rows)
    return { ok: false, verdict: wrongForm(id, language, field, JSON.stringify(value), shape) };
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== cols || row.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
      return { ok: false, verdict: wrongForm(id, language, field, JSON.stringify(value), shape) };
    }
  }
  return { ok: true, value: value as number[][] };
}

/** A list of distinct `[row, col]` integer positions, from `field` of the answer. */
export function readPositions(
  id: string,
  language: Language,
  field: string,
  value: unknown,
  what: Localized,
): Read<[number, number][]> {
  if (value === null || value === undefined || (Array.isArray(value) && value.some(hasNull))) {
    return { ok: false, verdict: unanswered(id, language, what) };
  }
  const form = {
    en: "a list of [row, col] pairs, e.g. [[0, 1], [1, 1]]",
    vi: "một danh sách các cặp [hàng, cột], ví dụ [[0, 1], [1, 1]]",
  };
  if (!Array.isArray(value) || value.some((p) => !Array.isArray(p) || p.length !== 2 || !p.every(isInteger))) {
    return { ok: false, verdict: wrongForm(id, language, field, JSON.stringify(value), form) };
  }
  return { ok: true, value: value as [number, number][] };
}

/** Whether two matrices of one shape agree within `tolerance` everywhere. */
export function sameMatrix(a: readonly (readonly number[])[], b: readonly (readonly number[])[], tolerance = 1e-6): boolean {
  return (
    a.length === b.length &&
    a.every((row, r) => row.length === b[r].length && row.every((v, c) => Math.abs(v - b[r][c]) <= tolerance))
  );
}
