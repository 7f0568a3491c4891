// One way for the reports to become PDF bytes: a build function that draws on a document with the faces,
// rendered by app/utils/pdf.server.ts's renderPdf (fonts subset to the text drawn, in two passes).
import { renderPdf, type PdfBuild } from "~/utils/pdf.server.ts";

export type ReportBuild = PdfBuild;

export function renderReport(title: string, build: ReportBuild): Promise<Uint8Array> {
  return renderPdf(title, build);
}
