/**
 * Unit and property tests of the wire format: signing covers exactly header, parent, metadata and
 * content (buffers are not signed), decoding rejects tampering and malformed frames with a reason,
 * and cursor offsets convert between code points and UTF-16.
 */
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeMessage, encodeMessage, MessageSigner, newHeader, WireError } from "../../kernel/src/wire-message";
import { codePointsToUtf16, utf16ToCodePoints } from "../../kernel/src/shell-replies";
import { cellLineOf } from "../../kernel/src/cell-errors";
import { SignatureHistory } from "../../kernel/src/replay-guard";

const toFrames = (parts: Array<Uint8Array | string>): Uint8Array[] =>
  parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p));

describe("signature history (replay protection)", () => {
  it("refuses a signature seen before, forgets the oldest beyond its capacity, and lets unsigned messages pass", () => {
    const history = new SignatureHistory(3);
    expect(["a", "b", "c"].map((s) => history.add(s))).toEqual([true, true, true]);
    expect(history.add("b")).toBe(false);
    expect(history.add("d")).toBe(true); // forgets "a"
    expect(history.add("a")).toBe(true); // forgets "b"
    expect(history.add("b")).toBe(true);
    expect(history.add("d")).toBe(false);
    expect([history.add(""), history.add("")]).toEqual([true, true]);
    expect(() => new SignatureHistory(0)).toThrow(/capacity must be a positive integer, got 0/);
  });
});

describe("wire messages", () => {
  const signer = new MessageSigner("secret", "hmac-sha256");

  it("signs header, parent, metadata and content only (an independent HMAC agrees)", () => {
    const frames = encodeMessage(
      {
        identities: [],
        header: newHeader("x", "s"),
        parent: {},
        metadata: {},
        content: { a: 1 },
        buffers: [Uint8Array.from([1])],
      },
      signer,
    );
    const hmac = createHmac("sha256", "secret");
    for (const part of frames.slice(2, 6)) hmac.update(part as Uint8Array);
    expect(frames[1]).toBe(hmac.digest("hex"));
  });

  it("round-trips any JSON content and buffers; tampering is rejected", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.uint8Array({ maxLength: 32 }), { maxLength: 3 }),
        (content, buffers) => {
          const frames = toFrames(
            encodeMessage(
              { identities: [Uint8Array.from([7])], header: newHeader("t", "s"), parent: {}, metadata: {}, content, buffers },
              signer,
            ),
          );
          const decoded = decodeMessage(frames, signer);
          expect(decoded.content).toEqual(JSON.parse(JSON.stringify(content)));
          expect(decoded.buffers.map((b) => Array.from(b))).toEqual(buffers.map((b) => Array.from(b)));
          const tampered = [...frames];
          tampered[6] = Buffer.from(JSON.stringify({ ...content, injected: true }));
          expect(() => decodeMessage(tampered, signer)).toThrow(/signature/);
        },
      ),
    );
  });

  it("names what is wrong with malformed frames", () => {
    expect(() => decodeMessage([Buffer.from("x")], signer)).toThrow(WireError);
    expect(() => decodeMessage([Buffer.from("<IDS|MSG>"), Buffer.from("sig")], signer)).toThrow(/got 1 frames/);
    const unsigned = new MessageSigner("", "hmac-sha256");
    const bad = ["<IDS|MSG>", "", "{}", "{}", "{}", "not json"].map((s) => Buffer.from(s));
    expect(() => decodeMessage(bad, unsigned)).toThrow(/header needs string msg_id/);
    expect(() => new MessageSigner("k", "hmac-md5")).toThrow(/hmac-md5/);
  });

  it("converts cursor positions between code points and UTF-16", () => {
    const text = "a😀b€c";
    expect(codePointsToUtf16(text, 2)).toBe(3);
    expect(utf16ToCodePoints(text, 3)).toBe(2);
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        (s) => utf16ToCodePoints(s, codePointsToUtf16(s, Array.from(s).length)) === Array.from(s).length,
      ),
    );
  });

  it("maps an emitted JavaScript line back to the cell line", () => {
    const cell = "const a: number = 1;\nconst b = a * 2;\nthrow new Error(String(b));";
    const js =
      '(function(exports, require) { Object.defineProperty(exports, "__esModule", { value: true });\nexports.b = exports.a = void 0;\nconst a = 1;\nexports.a = a;\nconst b = a * 2;\nexports.b = b;\nthrow new Error(String(b));\n})';
    expect(cellLineOf(cell, js, 7)).toBe(3);
    expect(cellLineOf(cell, js, 5)).toBe(2);
  });
});
