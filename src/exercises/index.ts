/**
 * The course's exercises: each checks a student's answer by computing with the library and returns a
 * verdict (right, or a hint that points at the idea without giving the answer away), in English or
 * Vietnamese. One file per notebook; every exercise name is unique across the course.
 */
export { right, notYet, unanswered, checkLanguage, type ExerciseVerdict, type Language, type Localized } from "./verdict";
export { fiveToTen, roundTrip, type SettingsAnswer, type RoundTripAnswer } from "./outputSize";
