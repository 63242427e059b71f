/**
 * Messages between a live exported page and its runtime worker (`postMessage`). The worker stands in
 * for the kernel: it runs the compiled cells and speaks the widget protocol's comm messages; the
 * page renders outputs and widget views and sends the frontend's comm messages back.
 */

/** One compiled code cell as the export embeds it (kernel/src/cell-compiler.ts). */
export interface PageCell {
  id: string;
  js: string;
  async: boolean;
  lastExpressionVar?: string;
}

/** A cell's error, as Jupyter's `error` output carries it. */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Worker -> page. */
export type WorkerToPage =
  | {
      type: "comm_open";
      commId: string;
      target: string;
      data: Record<string, unknown>;
      metadata: Record<string, unknown>;
      buffers: ArrayBuffer[];
    }
  | { type: "comm_msg"; commId: string; data: Record<string, unknown>; metadata: Record<string, unknown>; buffers: ArrayBuffer[] }
  | { type: "comm_close"; commId: string }
  /** An output (`display_data`, `update_display_data`, `stream`, `error`, `clear_output`, `execute_result`). */
  | { type: "output"; parentMsgId: string; msgType: string; content: Record<string, unknown> }
  | { type: "cell_start"; index: number }
  | { type: "cell_end"; index: number; error?: CellError; ms: number }
  /** All cells ran; `note` says once what the reader should know about this browser (see `RuntimeNote`). */
  | { type: "done"; ms: number; failed: number; note?: RuntimeNote };

/** What the page tells the reader about this browser: it runs no WebAssembly, or WebAssembly without SIMD (the library then runs its TypeScript code). */
export type RuntimeNote = "no-wasm" | "no-simd";

/** Page -> worker. */
export type PageToWorker =
  | { type: "run"; cells: PageCell[]; assets: Record<string, string> }
  | { type: "comm_msg"; commId: string; data: Record<string, unknown>; buffers: ArrayBuffer[] }
  | { type: "comm_close"; commId: string };

/** msg_id of the request a cell's outputs belong to. */
export function cellMsgId(index: number): string {
  return `cell-${index}`;
}

/** The cell index of a msg_id made by `cellMsgId`, or -1. */
export function cellIndexOf(msgId: string): number {
  const match = /^cell-(\d+)$/.exec(msgId);
  return match ? Number(match[1]) : -1;
}
