/**
 * Test helper: collects the widget API's warnings (instead of printing them)
 * during each test of the calling file, and restores the sink after each test.
 */
import { afterEach, beforeEach } from "vitest";
import { warningSink } from "../../widgets/api";

/** Registers the capture hooks; returns the list of warnings, emptied before each test. */
export function captureWarningsEachTest(): string[] {
  const warnings: string[] = [];
  const originalWrite = warningSink.write;
  beforeEach(() => {
    warnings.length = 0;
    warningSink.write = (m) => warnings.push(m);
  });
  afterEach(() => {
    warningSink.write = originalWrite;
  });
  return warnings;
}
