/**
 * Replies that need no cell to run: completion, inspection, code completeness, history and
 * comm info. Cursor positions are Unicode code points on the wire, UTF-16 indices in the compiler.
 */
import type { CommManager } from "./comm-manager";
import type { History } from "./history";
import { codeCompleteness, type TypeScriptRunner } from "./typescript-runner";
import type { Json } from "./wire-message";

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

/** What the replies read. */
export interface ReplySources {
  /** The compiler; throws while it is still starting. */
  runner(): TypeScriptRunner;
  history: History;
  comms: CommManager;
}

/** The reply type and content for `msgType`, or undefined when it is not one of these requests. */
export function shellReply(msgType: string, content: Json, sources: ReplySources): { type: string; content: Json } | undefined {
  switch (msgType) {
    case "complete_request": {
      const code = String(content.code ?? "");
      const cursor = typeof content.cursor_pos === "number" ? content.cursor_pos : Array.from(code).length;
      const completion = sources.runner().complete(code, codePointsToUtf16(code, cursor));
      const start = utf16ToCodePoints(code, completion.start);
      const end = utf16ToCodePoints(code, completion.end);
      return {
        type: "complete_reply",
        content: {
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
        },
      };
    }
    case "inspect_request": {
      const code = String(content.code ?? "");
      const cursor = codePointsToUtf16(
        code,
        typeof content.cursor_pos === "number" ? content.cursor_pos : Array.from(code).length,
      );
      const runner = sources.runner();
      const text = runner.inspect(code, cursor) ?? (cursor > 0 ? runner.inspect(code, cursor - 1) : undefined);
      return {
        type: "inspect_reply",
        content: {
          status: "ok",
          found: text !== undefined,
          data: text === undefined ? {} : { "text/plain": text },
          metadata: {},
        },
      };
    }
    case "is_complete_request":
      return { type: "is_complete_reply", content: codeCompleteness(String(content.code ?? "")) };
    case "history_request":
      return { type: "history_reply", content: { status: "ok", history: sources.history.reply(content) } };
    case "comm_info_request":
      return { type: "comm_info_reply", content: sources.comms.info(content.target_name) };
    default:
      return undefined;
  }
}
