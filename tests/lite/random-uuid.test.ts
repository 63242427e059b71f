/**
 * The browser runtimes' `randomUUID` (widgets/page/shims/node-crypto.ts): a site served over plain
 * http is no secure context, where `crypto.randomUUID` does not exist; the ids must still be UUIDs.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "../../widgets/page/shims/node-crypto";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("randomUUID of the browser runtimes", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("uses crypto.randomUUID where it exists", () => {
    expect(randomUUID()).toMatch(UUID_V4);
  });

  it("builds version 4 UUIDs from getRandomValues outside secure contexts, all different", () => {
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    const ids = Array.from({ length: 200 }, () => randomUUID());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
