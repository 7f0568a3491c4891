// The decisions list as .xlsx, one row per awardee, with the same query as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { AWARD_EXPORT_LIMIT, decisionFilterOptions, exportDecisions } from "~/models/award-lists.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { AWARD_FORM_LABELS, AWARD_TITLE_LABELS, NOMINEE_KIND_LABELS, capitalize } from "~/utils/labels.ts";
import { describeFilters, readListQuery } from "~/utils/list-query.ts";
import { DECISION_LIST, DECISION_SORT_LABELS } from "~/utils/lists.ts";
import { exportTitle, listSheet, writeSpreadsheet, xlsxResponse } from "~/utils/spreadsheet.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["chairman", "vice_chairman", "secretary"]);
  const query = readListQuery(new URL(request.url).searchParams, DECISION_LIST);
  const [{ total, rows }, options] = await Promise.all([exportDecisions(user, query), decisionFilterOptions(user)]);
  type Decision = (typeof rows)[number];
  type Line = { decision: Decision; entry: Decision["entries"][number] | null };
  const lines = rows.flatMap((decision): Line[] =>
    decision.entries.length === 0 ? [{ decision, entry: null }] : decision.entries.map((entry) => ({ decision, entry })),
  );
  const bytes = await writeSpreadsheet(
    listSheet({
      sheetName: "Quyết định",
      title: exportTitle("DANH SÁCH QUYẾT ĐỊNH KHEN THƯỞNG", total, AWARD_EXPORT_LIMIT),
      filters: describeFilters(query, { units: options.units, movements: options.movements, sortLabels: DECISION_SORT_LABELS }),
      rows: lines,
      columns: [
        { header: "Số quyết định", value: (line) => line.decision.number },
        { header: "Ngày ký", type: "date", value: (line) => line.decision.decidedAt },
        { header: "Đơn vị", value: (line) => line.decision.unit.name },
        { header: "Phong trào thi đua", width: 40, value: (line) => line.decision.movement.title },
        { header: "Năm phong trào", type: "integer", value: (line) => line.decision.movement.year },
        {
          header: "Người ký",
          value: (line) => `${line.decision.onBehalf ? "KT. Chủ tịch – Phó Chủ tịch" : "Chủ tịch"} ${line.decision.signerName}`,
        },
        { header: "STT trong danh sách", type: "integer", value: (line) => line.entry?.position },
        { header: "Người (tập thể) được khen", value: (line) => line.entry?.name },
        { header: "Cá nhân/tập thể", value: (line) => (line.entry ? capitalize(NOMINEE_KIND_LABELS[line.entry.kind]) : null) },
        { header: "Chức vụ, đơn vị", width: 40, value: (line) => line.entry?.detail },
        { header: "Danh hiệu thi đua", value: (line) => (line.entry?.awardTitle ? AWARD_TITLE_LABELS[line.entry.awardTitle] : null) },
        { header: "Hình thức khen thưởng", width: 32, value: (line) => (line.entry ? AWARD_FORM_LABELS[line.entry.awardForm] : null) },
        { header: "Số Giấy khen", value: (line) => line.entry?.dossier.certificate?.serial },
      ],
    }),
  );
  return xlsxResponse(bytes, "danh-sach-quyet-dinh-khen-thuong.xlsx");
}
