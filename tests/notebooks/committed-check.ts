/**
 * What a committed notebook may hold: the project kernelspec, no saved widget state, no
 * execution counts, and outputs either cleared or small and deterministic (plain text only),
 * so diffs show teaching changes, not re-run noise.
 */
import { KERNEL_NAME } from "./project";
import { joinText, type Notebook } from "./notebook-format";

/** Largest total size (characters) of the outputs kept in one committed notebook. */
export const MAX_COMMITTED_OUTPUT_CHARS = 2000;

const TEXT_MIME_TYPES = new Set(["text/plain", "text/markdown"]);

/** Every way `nb` breaks the rules above, as messages naming the cell; empty when clean. */
export function committedNotebookProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  const kernel = nb.metadata.kernelspec?.name;
  if (kernel !== KERNEL_NAME) {
    problems.push(`metadata.kernelspec.name is ${JSON.stringify(kernel)}; it must be "${KERNEL_NAME}"`);
  }
  if (nb.metadata.widgets) problems.push("metadata.widgets holds saved widget state; clear it");
  let outputChars = 0;
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const where = `cell ${index}${cell.id ? ` (${cell.id})` : ""}`;
    if (cell.execution_count !== null && cell.execution_count !== undefined) {
      problems.push(`${where} has execution_count ${cell.execution_count}; clear outputs before committing`);
    }
    for (const output of cell.outputs ?? []) {
      if (output.output_type === "error") problems.push(`${where} holds an error output`);
      else if (output.output_type === "stream" && output.name === "stderr") problems.push(`${where} holds stderr output`);
      else if (output.output_type !== "stream") {
        const mimeTypes = Object.keys(output.data ?? {});
        const rich = mimeTypes.filter((mime) => !TEXT_MIME_TYPES.has(mime));
        if (rich.length) problems.push(`${where} holds ${rich.join(", ")} output; only small text outputs may be committed`);
      }
      outputChars += output.output_type === "stream" ? joinText(output.text).length : JSON.stringify(output.data ?? {}).length;
    }
  });
  if (outputChars > MAX_COMMITTED_OUTPUT_CHARS) {
    problems.push(`outputs total ${outputChars} characters (at most ${MAX_COMMITTED_OUTPUT_CHARS}); clear them`);
  }
  return problems;
}
