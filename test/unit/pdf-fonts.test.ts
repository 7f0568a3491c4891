// Font subsetting (docs/decisions/008): every Vietnamese letter in every face renders exactly as with
// the whole font embedded (compared pixel by pixel with pdftoppm), reads back with pdftotext, and the
// file is a fraction of the size.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont } from "pdf-lib";
import { describe, expect, test } from "vitest";
import { A4, MM, renderPdf, type FontName } from "~/utils/pdf.server.ts";
import { pdfGrey, pdfText } from "../support/pdf.ts";

const VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
const TONES = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]; // huyền, sắc, hỏi, ngã, nặng
/** Every letter of Vietnamese: the 12 vowels bare and with each of the five tones, đ, in both cases (NFC). */
const lower = [...VOWELS.flatMap((v) => [v, ...TONES.map((tone) => `${v}${tone}`.normalize("NFC"))]), "đ"].join("");
const LETTERS = [lower, lower.toLocaleUpperCase("vi-VN")];
const LINES = [...LETTERS, "Nguyễn Thị Hồng Nhung — “Độc lập - Tự do - Hạnh phúc”, 1.500.000 đồng; 71,4%."];
const FACES: FontName[] = ["regular", "bold", "italic", "boldItalic"];

/** One page: each face writes every line, in the same place whatever the fonts. */
function draw(doc: PDFDocument, fonts: Record<FontName, PDFFont>): void {
  const page = doc.addPage([A4.width, A4.height]);
  let y = A4.height - 20 * MM;
  for (const face of FACES)
    for (const line of LINES) {
      page.drawText(line, { x: 12 * MM, y, size: 10, font: fonts[face] });
      y -= 16;
    }
}

/** The same page with the four whole TTFs embedded as they are (the reference). */
async function wholeFontPdf(): Promise<Uint8Array> {
  const require = createRequire(import.meta.url);
  const files: Record<FontName, string> = {
    regular: "400Regular/NotoSerif_400Regular.ttf",
    bold: "700Bold/NotoSerif_700Bold.ttf",
    italic: "400Regular_Italic/NotoSerif_400Regular_Italic.ttf",
    boldItalic: "700Bold_Italic/NotoSerif_700Bold_Italic.ttf",
  };
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const fonts = {} as Record<FontName, PDFFont>;
  for (const face of FACES)
    fonts[face] = await doc.embedFont(readFileSync(require.resolve(`@expo-google-fonts/noto-serif/${files[face]}`)), { subset: false });
  draw(doc, fonts);
  return doc.save();
}

/** Pixels that differ by more than a quarter of the grey scale between two renderings of page 1 at 100 dpi. */
function differingPixels(a: Uint8Array, b: Uint8Array): { share: number; ink: number } {
  const left = pdfGrey(a, 1, 100);
  const right = pdfGrey(b, 1, 100);
  expect([left.width, left.height]).toEqual([right.width, right.height]);
  let differ = 0;
  let ink = 0;
  for (let i = 0; i < left.pixels.length; i++) {
    if (Math.abs(left.pixels[i]! - right.pixels[i]!) > 64) differ++;
    if (right.pixels[i]! < 128) ink++;
  }
  return { share: differ / left.pixels.length, ink: ink / left.pixels.length };
}

describe("subset fonts", () => {
  test("every tone-marked letter in every face renders as with the whole font, reads back exactly, in a fraction of the bytes", async () => {
    expect(LETTERS[0]).toHaveLength(12 * 6 + 1);
    const reference = await wholeFontPdf();
    const subset = await renderPdf("Kiểm tra phông chữ", draw);

    const { share, ink } = differingPixels(subset, reference);
    expect(ink).toBeGreaterThan(0.01); // the reference page really has the text on it
    expect(share).toBe(0);

    const text = pdfText(subset);
    for (const line of LINES) expect(text.split(line).length - 1).toBe(FACES.length);

    expect(subset.byteLength).toBeLessThan(reference.byteLength / 10);
    expect(subset.byteLength).toBeLessThan(150 * 1024);
  });

  test("the comparison catches a font that lacks glyphs (pdf-lib's own subsetting)", async () => {
    const require = createRequire(import.meta.url);
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const bytes = readFileSync(require.resolve("@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf"));
    const font = await doc.embedFont(bytes, { subset: true });
    draw(doc, { regular: font, bold: font, italic: font, boldItalic: font });
    const sameFaceEverywhere = await renderPdf("Một phông", (d, fonts) =>
      draw(d, { ...fonts, bold: fonts.regular, italic: fonts.regular, boldItalic: fonts.regular }),
    );
    expect(differingPixels(await doc.save(), sameFaceEverywhere).share).toBeGreaterThan(0.001);
  });

  test("a face only measured is not embedded; one drawn only in the second pass is refused", async () => {
    const pdf = await renderPdf("Một mặt chữ", (doc, fonts) => {
      const page = doc.addPage();
      const width = fonts.bold.widthOfTextAtSize("Độc lập", 12);
      page.drawText("Độc lập", { x: 20, y: 700, size: 12, font: fonts.regular });
      page.drawLine({ start: { x: 20, y: 695 }, end: { x: 20 + width, y: 695 } });
    });
    expect(
      Buffer.from(pdf)
        .toString("latin1")
        .match(/\/FontFile2/g),
    ).toHaveLength(1);

    let pass = 0;
    const changing = (doc: PDFDocument, fonts: Record<FontName, PDFFont>) => {
      pass++;
      doc.addPage().drawText(pass === 1 ? "Hà Nội" : "Hồ Chí Minh", { x: 20, y: 700, size: 12, font: fonts.regular });
    };
    await expect(renderPdf("Không ổn định", changing)).rejects.toThrow(/only in the second pass/);
  });
});
