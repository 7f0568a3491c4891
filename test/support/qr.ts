// Reads the QR codes of a PDF page as a phone would: render it (pdftoppm) and decode it (jsQR).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQR from "jsqr";

/** Grey pixels of page `page` at `dpi`, from pdftoppm's binary PGM. */
export function renderGrey(bytes: Uint8Array, { page = 1, dpi = 150 } = {}): { width: number; height: number; pixels: Uint8Array } {
  const dir = mkdtempSync(path.join(tmpdir(), "tdkt-qr-"));
  try {
    const file = path.join(dir, "doc.pdf");
    writeFileSync(file, bytes);
    execFileSync("pdftoppm", ["-gray", "-r", String(dpi), "-f", String(page), "-l", String(page), file, path.join(dir, "page")]);
    const image = readFileSync(
      path.join(
        dir,
        readdirSync(dir).find((name) => name.endsWith(".pgm"))!,
      ),
    );
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 50).toString("latin1"))!;
    return { width: Number(header[1]), height: Number(header[2]), pixels: new Uint8Array(image.subarray(header[0].length)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the QR code on a page of the PDF, or null when none is found. */
export function decodeQr(bytes: Uint8Array, options: { page?: number; dpi?: number } = {}): string | null {
  const { width, height, pixels } = renderGrey(bytes, options);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < pixels.length; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = pixels[i]!;
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, width, height, { inversionAttempts: "dontInvert" })?.data ?? null;
}

/** Share of clearly red pixels (the issuing authority, "GIẤY KHEN", the frame) on a page rendered in colour. */
export function redShare(bytes: Uint8Array, { page = 1, dpi = 40 } = {}): number {
  const dir = mkdtempSync(path.join(tmpdir(), "tdkt-red-"));
  try {
    const file = path.join(dir, "doc.pdf");
    writeFileSync(file, bytes);
    execFileSync("pdftoppm", ["-r", String(dpi), "-f", String(page), "-l", String(page), file, path.join(dir, "page")]);
    const image = readFileSync(
      path.join(
        dir,
        readdirSync(dir).find((name) => name.endsWith(".ppm"))!,
      ),
    );
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 50).toString("latin1"))!;
    const pixels = image.subarray(header[0].length);
    let red = 0;
    for (let i = 0; i < pixels.length; i += 3) if (pixels[i]! > 150 && pixels[i + 1]! < 90 && pixels[i + 2]! < 90) red++;
    return red / (pixels.length / 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
