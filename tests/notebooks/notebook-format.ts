/** The parts of the nbformat 4 JSON the tests read and write. */
export interface NotebookOutput {
  output_type: "stream" | "display_data" | "execute_result" | "error" | "update_display_data";
  name?: "stdout" | "stderr";
  text?: string | string[];
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: {
    kernelspec?: { name?: string; display_name?: string; language?: string };
    language_info?: Record<string, unknown>;
    widgets?: Record<string, { state?: Record<string, unknown> }>;
    [key: string]: unknown;
  };
  nbformat: number;
  nbformat_minor: number;
}

/** Join a multi-line nbformat string (a string or a list of lines). */
export function joinText(text: string | string[] | undefined): string {
  return Array.isArray(text) ? text.join("") : (text ?? "");
}

/** A code cell with cleared outputs, as committed notebooks hold them. */
export function codeCell(source: string, id: string): NotebookCell {
  return { cell_type: "code", id, source, metadata: {}, outputs: [], execution_count: null };
}

/** A markdown cell. */
export function markdownCell(source: string, id: string): NotebookCell {
  return { cell_type: "markdown", id, source, metadata: {} };
}
