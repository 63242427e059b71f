/**
 * The text of a PDF as poppler's `pdftotext` extracts it, to prove what a printed export holds.
 * A line of code wrapped over two lines with a differently styled part (a comment) can come out
 * in a different order depending on the mode, so the text is extracted in reading order, in
 * content-stream order (`-raw`) and by layout (`-layout`); text that is on the page is in at least one.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The text of every page of `pdf`, once per extraction mode; throws naming the file when pdftotext fails or is missing. */
export async function pdfTexts(pdf: string): Promise<string[]> {
  try {
    const modes = [[], ["-raw"], ["-layout"]];
    return await Promise.all(
      modes.map(
        async (mode) => (await run("pdftotext", [...mode, "-enc", "UTF-8", pdf, "-"], { maxBuffer: 64 * 1024 * 1024 })).stdout,
      ),
    );
  } catch (error) {
    throw new Error(`pdftotext could not read ${pdf} (Debian: apt-get install poppler-utils): ${(error as Error).message}`);
  }
}
