// QR codes of certificates (to the public verification page), as vector paths: crisp at any
// print resolution, and a hundred of them add only a few kilobytes to a PDF.
import QRCode from "qrcode";

export type QrMatrix = { size: number; dark: (x: number, y: number) => boolean };

/** The modules of the QR code of `text` (error correction M: survives a stamp or a crease). */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: (x, y) => Boolean(modules.get(y, x)) };
}

/**
 * An SVG path of the dark modules, one unit per module, y down; runs of a row are merged into one
 * rectangle. Draw it with pdf-lib's `drawSvgPath` (scale = module size) or inside an <svg>.
 */
export function qrPath(matrix: QrMatrix): string {
  const parts: string[] = [];
  for (let y = 0; y < matrix.size; y++) {
    let x = 0;
    while (x < matrix.size) {
      if (!matrix.dark(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < matrix.size && matrix.dark(x, y)) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  }
  return parts.join("");
}

/** An <svg> of the code with the quiet zone of 4 modules the standard asks for, for HTML pages. */
export function qrSvg(text: string, { quietZone = 4 } = {}): string {
  const matrix = qrMatrix(text);
  const side = matrix.size + 2 * quietZone;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img" aria-label="Mã QR xác minh">` +
    `<rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path transform="translate(${quietZone} ${quietZone})" fill="#000" d="${qrPath(matrix)}"/></svg>`
  );
}
