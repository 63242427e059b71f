// Gradients checked against central finite differences, for the backward-pass property tests.
import { expect } from "vitest";
import type { Tensor } from "../../src";

/**
 * Expects `actual` (an analytic dL/dt) to have `t`'s shape and to match, element by element, the
 * central difference (L(t + eps) - L(t - eps)) / 2 eps of `loss` with eps = 1e-6, within
 * 1e-6 (1 + |numeric|). Each element of `t` is nudged in place and restored.
 */
export function expectFiniteDifferenceGradient(actual: Tensor, t: Tensor, loss: () => number, what: string): void {
  const eps = 1e-6;
  expect(actual.shape, `${what} shape`).toEqual(t.shape);
  for (let i = 0; i < t.size; i++) {
    const v = t.data[i];
    t.data[i] = v + eps;
    const up = loss();
    t.data[i] = v - eps;
    const down = loss();
    t.data[i] = v;
    const numeric = (up - down) / (2 * eps);
    expect(Math.abs(actual.data[i] - numeric), `${what}[${i}]`).toBeLessThan(1e-6 * (1 + Math.abs(numeric)));
  }
}
