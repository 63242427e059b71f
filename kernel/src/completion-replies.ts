/**
 * `complete_reply` and `inspect_reply` contents from a compiler's completions and quick info, shared
 * by the Node kernel (shell-replies.ts) and the JupyterLite worker. Cursor positions are Unicode
 * code points on the wire, UTF-16 indices in the compiler. No Node API.
 */
import type { CompletionResult } from "./typescript-runner";

/** What the replies ask of the compiler (UTF-16 offsets). */
export interface CompletionSource {
  complete(code: string, position: number): CompletionResult;
  inspect(code: string, position: number): string | undefined;
}

/** Converts a cursor position in Unicode code points (the protocol's unit) to a UTF-16 index. */
export function codePointsToUtf16(text: string, codePoints: number): number {
  let index = 0;
  for (let n = 0; n < codePoints && index < text.length; n++) {
    const code = text.codePointAt(index) ?? 0;
    index += code > 0xffff ? 2 : 1;
  }
  return index;
}

/** Converts a UTF-16 index to a count of Unicode code points. */
export function utf16ToCodePoints(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length;
}

/** The cursor of a request's content as a UTF-16 index (the end of the code when absent). */
function cursorOf(code: string, content: { [key: string]: unknown }): number {
  return codePointsToUtf16(code, typeof content.cursor_pos === "number" ? content.cursor_pos : Array.from(code).length);
}

/** `complete_reply` content for a `complete_request`'s content (`code`, `cursor_pos`). */
export function completeReplyContent(content: { [key: string]: unknown }, source: CompletionSource): { [key: string]: unknown } {
  const code = String(content.code ?? "");
  const completion = source.complete(code, cursorOf(code, content));
  const start = utf16ToCodePoints(code, completion.start);
  const end = utf16ToCodePoints(code, completion.end);
  return {
    status: "ok",
    matches: completion.candidates,
    cursor_start: start,
    cursor_end: end,
    // JupyterLab shows these kinds as icons in the completer.
    metadata: {
      _jupyter_types_experimental: completion.candidates.map((text, i) => ({
        start,
        end,
        text,
        type: completion.kinds[i] ?? "",
      })),
    },
  };
}

/** `inspect_reply` content for an `inspect_request`'s content: quick info at the cursor or just before it. */
export function inspectReplyContent(content: { [key: string]: unknown }, source: CompletionSource): { [key: string]: unknown } {
  const code = String(content.code ?? "");
  const cursor = cursorOf(code, content);
  const text = source.inspect(code, cursor) ?? (cursor > 0 ? source.inspect(code, cursor - 1) : undefined);
  return { status: "ok", found: text !== undefined, data: text === undefined ? {} : { "text/plain": text }, metadata: {} };
}
