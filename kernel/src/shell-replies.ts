/**
 * Replies that need no cell to run: completion, inspection, code completeness, history and
 * comm info (completion and inspection: completion-replies.ts).
 */
import type { CommManager } from "./comm-manager";
import { completeReplyContent, inspectReplyContent } from "./completion-replies";
export { codePointsToUtf16, utf16ToCodePoints } from "./completion-replies";
import type { History } from "./history";
import { codeCompleteness, type TypeScriptRunner } from "./typescript-runner";
import type { Json } from "./wire-message";

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
    case "complete_request":
      return { type: "complete_reply", content: completeReplyContent(content, sources.runner()) };
    case "inspect_request":
      return { type: "inspect_reply", content: inspectReplyContent(content, sources.runner()) };
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
