/**
 * Attribute validators ("traits") of widget state: each checks one value and
 * returns it (normalised) or throws an error naming the attribute, the value
 * given and what is allowed. Used for options in constructors, kernel-side
 * changes, and (without throwing into the kernel) updates from the frontend.
 */

import { describe } from "../../src/args";

/** Checks one attribute value; `name` is the attribute, for the error message. */
export type Trait = (name: string, value: unknown) => unknown;

/** An integer (optionally within `[min, max]`). */
export function int(min = -Infinity, max = Infinity): Trait {
  return (name, v) => {
    if (typeof v !== "number" || !Number.isInteger(v)) throw new TypeError(`${name} must be an integer, got ${describe(v)}`);
    if (v < min || v > max) throw new RangeError(`${name} must be in ${min}..${max}, got ${v}`);
    return v;
  };
}

/** A finite number (optionally within `[min, max]`). */
export function float(min = -Infinity, max = Infinity): Trait {
  return (name, v) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new TypeError(`${name} must be a finite number, got ${describe(v)}`);
    if (v < min || v > max) throw new RangeError(`${name} must be in ${min}..${max}, got ${v}`);
    return v;
  };
}

/** `true` or `false`. */
export function bool(): Trait {
  return (name, v) => {
    if (typeof v !== "boolean") throw new TypeError(`${name} must be true or false, got ${describe(v)}`);
    return v;
  };
}

/** A string. */
export function str(): Trait {
  return (name, v) => {
    if (typeof v !== "string") throw new TypeError(`${name} must be a string, got ${describe(v)}`);
    return v;
  };
}

/** One of the listed strings. */
export function oneOf(values: readonly (string | null)[]): Trait {
  return (name, v) => {
    if (!values.includes(v as string)) {
      throw new RangeError(`${name} must be one of ${values.map(describe).join(", ")}, got ${describe(v)}`);
    }
    return v;
  };
}

/** `null` or a value `inner` accepts. */
export function nullable(inner: Trait): Trait {
  return (name, v) => (v === null ? null : inner(name, v));
}

/** An array whose items `item` accepts (a copy is stored). */
export function arrayOf(item: Trait, length?: number): Trait {
  return (name, v) => {
    if (!Array.isArray(v)) throw new TypeError(`${name} must be an array, got ${describe(v)}`);
    if (length !== undefined && v.length !== length)
      throw new RangeError(`${name} must have ${length} items, got ${describe(v)}`);
    return v.map((x, i) => item(`${name}[${i}]`, x));
  };
}

/** Any JSON-compatible value (used for attributes only the frontend interprets). */
export function json(): Trait {
  return (_name, v) => v;
}
