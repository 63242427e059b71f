/**
 * What an exercise check returns: right or not yet, with a message in the notebook's language.
 * A wrong answer gets a hint that points at the idea and never states the answer.
 */

/** The languages the course is written in: English and Vietnamese (the article's language). */
export type Language = "en" | "vi";

/** One text in every course language. */
export type Localized = Record<Language, string>;

/** The outcome of checking one answer to one exercise. */
export interface ExerciseVerdict {
  /** Stable id of the exercise, e.g. `"06.five-to-ten"` (notebook number, then a name). */
  exercise: string;
  /** Whether the answer is right. */
  correct: boolean;
  /** Whether an answer was given at all (`false` while the placeholders are still `null`). */
  answered: boolean;
  /** Right: what the answer shows (the "Right" itself is added by the display). Not yet: a hint towards the idea, never the answer itself. */
  message: string;
  /** The language of `message`. */
  language: Language;
}

/** The verdict for a right answer. */
export function right(exercise: string, language: Language, message: Localized): ExerciseVerdict {
  return { exercise, correct: true, answered: true, message: message[language], language };
}

/** The verdict for a wrong answer, with its hint. */
export function notYet(exercise: string, language: Language, hint: Localized): ExerciseVerdict {
  return { exercise, correct: false, answered: true, message: hint[language], language };
}

/** The verdict while the answer still holds its `null` placeholders. */
export function unanswered(exercise: string, language: Language, what: Localized): ExerciseVerdict {
  const prompt: Localized = {
    en: `No answer yet: replace the null placeholders with ${what.en}, then run the cell.`,
    vi: `Chưa có câu trả lời: thay các giá trị null bằng ${what.vi}, rồi chạy lại cell.`,
  };
  return { exercise, correct: false, answered: false, message: prompt[language], language };
}

/** Throws unless `language` is a course language (the exercises' only argument that is not the student's answer). */
export function checkLanguage(fn: string, language: unknown): Language {
  if (language !== "en" && language !== "vi") {
    throw new RangeError(`${fn}: language must be "en" or "vi", got ${JSON.stringify(language)}`);
  }
  return language;
}

/** Whether `value` is an integer number (what most answers are made of). */
export function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/**
 * A hint for an answer of the wrong form (a string where a number belongs, a fraction where an
 * integer belongs): names the field and the value given, so a typo is told apart from a wrong idea.
 */
export function wrongForm(
  exercise: string,
  language: Language,
  field: string,
  given: unknown,
  expected: Localized,
): ExerciseVerdict {
  const shown = typeof given === "string" ? JSON.stringify(given) : String(given);
  return notYet(exercise, language, {
    en: `${field} must be ${expected.en}; it is ${shown}.`,
    vi: `${field} phải là ${expected.vi}; hiện đang là ${shown}.`,
  });
}
