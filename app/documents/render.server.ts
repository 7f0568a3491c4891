// One way for the reports to become PDF bytes: a build function that draws on a document with the faces.
// Kept as a build function so that it suits app/utils/pdf.server.ts's renderPdf (fonts subset to the text
// drawn, two passes), which replaces createPdf when that change lands: then only this body changes.
import type { PDFDocument } from "pdf-lib";
import { createPdf, type Fonts } from "~/utils/pdf.server.ts";

export type ReportBuild = (doc: PDFDocument, fonts: Fonts) => void | Promise<void>;

export async function renderReport(title: string, build: ReportBuild): Promise<Uint8Array> {
  const { doc, fonts } = await createPdf(title);
  await build(doc, fonts);
  return doc.save();
}
