// Reads a PDF back as a person would: its text (pdftotext) and its first page as pixels (pdftoppm).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

function withFile<T>(bytes: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "tdkt-pdf-"));
  try {
    const file = path.join(dir, "doc.pdf");
    writeFileSync(file, bytes);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page; whitespace runs collapsed to single spaces. */
export function pdfText(bytes: Uint8Array, { layout = false } = {}): string {
  return withFile(bytes, (file) => {
    const text = execFileSync("pdftotext", [...(layout ? ["-layout"] : []), "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    return layout ? text : text.replace(/\s+/g, " ");
  });
}

/** What poppler's pdfsig says of the signatures of a PDF (it exits non-zero on some invalid ones: the report is what counts). */
export function pdfSignatures(bytes: Uint8Array): string {
  return withFile(bytes, (file) => {
    const run = spawnSync("pdfsig", [file], { encoding: "utf8" });
    return `${run.stdout}${run.stderr}`;
  });
}

export function pdfPageCount(bytes: Uint8Array): number {
  return withFile(bytes, (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))![1]));
}

/** The text of each page, laid out as on the page (pdftotext -layout; pages end with a form feed). */
export function pdfPageTexts(bytes: Uint8Array): string[] {
  return pdfText(bytes, { layout: true }).split("\f").slice(0, -1);
}

/** Page `page` rendered in grey at `dpi`: one byte per pixel, 0 = black. */
export function pdfGrey(bytes: Uint8Array, page = 1, dpi = 40): { width: number; height: number; pixels: Uint8Array } {
  return withFile(bytes, (file, dir) => {
    execFileSync("pdftoppm", ["-gray", "-r", String(dpi), "-f", String(page), "-l", String(page), file, path.join(dir, "page")]);
    const image = readFileSync(
      path.join(
        dir,
        execFileSync("ls", [dir], { encoding: "utf8" })
          .split("\n")
          .find((f) => f.endsWith(".pgm"))!,
      ),
    );
    // Binary PGM: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 50).toString("latin1"))!;
    return { width: Number(header[1]), height: Number(header[2]), pixels: image.subarray(header[0].length) };
  });
}

/** Share of dark pixels on page `page` rendered in grey at 40 dpi: a blank page gives 0. */
export function pdfInk(bytes: Uint8Array, page = 1): number {
  const { pixels } = pdfGrey(bytes, page);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark++;
  return dark / pixels.length;
}
