/**
 * The text of a PDF, as poppler's `pdftotext` extracts it (in reading order, one page after
 * another), to prove what a printed export holds.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Text of every page of `pdf`; throws naming the file when pdftotext fails or is missing. */
export async function pdfText(pdf: string): Promise<string> {
  try {
    const { stdout } = await run("pdftotext", ["-enc", "UTF-8", pdf, "-"], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    throw new Error(`pdftotext could not read ${pdf} (Debian: apt-get install poppler-utils): ${(error as Error).message}`);
  }
}
