/**
 * How heatmap cells print their values: a d3-format specifier (the widget state's
 * `value_format`, e.g. `.3~g`), the same in the static figures and the JupyterLab view.
 */

/**
 * Value format used when none is given: "" (automatic). A value exact in a few decimals prints
 * exactly (10.25, 9.25, 0.0625: up to 4 significant digits, read at float32 precision), any
 * other with 3 significant digits (0.333, 1.67e-5), and fewer when the cell is too narrow.
 */
export const DEFAULT_VALUE_FORMAT = "";

/** Approximate width of `text` in em of a proportional UI font (digits 0.6: Arial's are 0.56, DejaVu Sans' 0.64). */
export function textWidthEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    if (ch >= "0" && ch <= "9") em += 0.6;
    else if (ch === "." || ch === ",") em += 0.3;
    else if (ch === "−" || ch === "+") em += 0.58;
    else if (ch === "-") em += 0.33;
    else if (ch === "∞") em += 0.72;
    else em += 0.6;
  }
  return em;
}

/**
 * The automatic label of `value`: exact when it is a few decimals and `fitsExact` accepts it, else
 * 3 significant digits, fewer until `fitsRounded` accepts it. A rounded label is asked to leave
 * more room than an exact one: it can lose a digit, an exact value is the number the text quotes.
 */
export function autoValueLabel(
  value: number,
  fitsExact: (text: string) => boolean = () => true,
  fitsRounded: (text: string) => boolean = fitsExact,
): string {
  for (let decimals = 0; decimals <= 4; decimals++) {
    const rounded = Number(value.toFixed(decimals));
    if (Math.fround(rounded) !== Math.fround(value) && rounded !== value) continue;
    const text = formatValue(rounded, `.${decimals}f`);
    const significant = text.replace(/[^0-9]/g, "").replace(/^0+/, "").length;
    if ((significant <= 4 || decimals === 0) && fitsExact(text)) return text;
    break;
  }
  let text = formatValue(value, ".3~g");
  for (const digits of [2, 1]) {
    if (fitsRounded(text)) break;
    text = formatValue(value, `.${digits}~g`);
  }
  return text;
}

/** A d3-format specifier: [[fill]align][sign][symbol][0][width][,][.precision][~][type]. */
const D3_FORMAT = /^(?:.?[<>=^])?[-+( ]?[$#]?0?\d*,?(?:\.\d+)?~?[bcdeEfFgGnoprsxX%]?$/;

/** True when `format` is a d3-format specifier `formatValue` can print with. */
export function isValueFormat(format: string): boolean {
  return D3_FORMAT.test(format);
}

/**
 * Formats a cell's value in a d3-format specifier: precision and type (`g`, `f`, `e`, `d`, `%`),
 * `~` trimming, a `$` prefix and `,` thousands grouping. `g` takes the exponent form whenever it
 * is shorter (`2.52e-6`, not d3's `0.00000252`): one such value would otherwise make every label
 * too wide to print. Minus signs are typographic (−).
 */
export function formatValue(value: number, format: string): string {
  if (format === "") return autoValueLabel(value);
  const match = /^.*?(\$)?0?\d*(,)?(?:\.(\d+))?(~)?([a-z%])?$/.exec(format);
  const currency = match?.[1] === "$";
  const group = match?.[2] === ",";
  const precision = match?.[3] === undefined ? undefined : Number(match[3]);
  const trim = match?.[4] === "~";
  const type = match?.[5] ?? "g";
  const magnitude = Math.abs(value);
  let text: string;
  switch (type) {
    case "f":
      text = magnitude.toFixed(precision ?? 6);
      break;
    case "e":
      text = magnitude.toExponential(precision ?? 6);
      break;
    case "d":
      text = Math.round(magnitude).toString();
      break;
    case "%":
      text = `${(magnitude * 100).toFixed(precision ?? 6)}%`;
      break;
    default: {
      const digits = Math.max(1, Math.min(21, precision ?? 6));
      const fixed = trimZeros(magnitude.toPrecision(digits), trim);
      // An exponent form has at least 5 characters ("2e-6"): only a longer fixed form can lose.
      const exponent = fixed.length > 5 ? trimZeros(magnitude.toExponential(digits - 1), trim) : fixed;
      text = exponent.length < fixed.length ? exponent : fixed;
    }
  }
  text = trimZeros(text, trim);
  if (group && !text.includes("e")) text = text.replace(/^\d+/, (digits) => digits.replace(/\B(?=(\d{3})+$)/g, ","));
  if (currency) text = `$${text}`;
  return value < 0 && /[1-9]/.test(text) ? `−${text}` : text;
}

/** `text` without trailing fractional zeros (and a bare point) when `trim` (d3's `~`). */
function trimZeros(text: string, trim: boolean): string {
  // By hand, not with regular expressions: this runs for every printed cell (4096 on a 64x64 map).
  const point = trim ? text.indexOf(".") : -1;
  if (point < 0) return text;
  let end = point + 1;
  while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  let keep = end;
  while (keep > point + 1 && text.charCodeAt(keep - 1) === 48) keep--;
  if (keep === point + 1) keep = point;
  return keep === end ? text : text.slice(0, keep) + text.slice(end);
}
