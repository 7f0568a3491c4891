// Nhập hồ sơ từ Excel: an official uploads the movement's template filled with nominees and their Mẫu 07
// figures; the page shows every row with a Vietnamese message per bad cell; nothing is written until every
// row is valid — or the official explicitly chooses to import only the valid rows (audited). Works without
// JavaScript: upload → preview (?tep=<id>) → import, each a plain form.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormMessage } from "~/components/ui/action-message.tsx";
import { commitNomineeImport, importChoices, previewNomineeImport, uploadNomineeImport } from "~/models/nominee-import.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { listHref } from "~/utils/list-query.ts";
import { refused } from "~/utils/respond.server.ts";
import { fileOf, readForm } from "~/utils/upload.server.ts";

export const meta: MetaFunction = () => [{ title: "Nhập hồ sơ từ Excel · Thi đua – Khen thưởng" }];

const PREVIEW_ROWS = 500;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "official");
  const movementId = params.movementId!;
  const choices = await importChoices(user, movementId);
  invariantResponse(choices, "Không tìm thấy phong trào thi đua (hoặc đơn vị của bạn không thuộc phạm vi phong trào).", { status: 404 });
  const importId = new URL(request.url).searchParams.get("tep");
  const preview = importId ? await previewNomineeImport(user, movementId, importId) : null;
  if (importId)
    invariantResponse(preview, "Không tìm thấy tệp đã tải lên (có thể đã quá 7 ngày). Vui lòng tải tệp lên lại.", { status: 404 });
  const check = preview?.check;
  return {
    movement: {
      id: choices.movement.id,
      title: choices.movement.title,
      year: choices.movement.year,
      open: choices.movement.state === "open",
    },
    units: choices.units,
    draftsHref: listHref("/ho-so", { movementId, states: ["draft"] }),
    preview: preview && {
      id: preview.id,
      fileName: preview.fileName,
      unitName: preview.unit.name,
      imported: preview.importedAt
        ? { at: formatDateTime(preview.importedAt), rows: preview.importedRows ?? 0, validOnly: preview.validOnly }
        : null,
      fileProblem: check && !check.ok ? check.message : null,
      valid: check?.ok ? check.valid : 0,
      invalid: check?.ok ? check.invalid : 0,
      complete: check?.ok ? check.rows.filter((row) => row.draft?.complete).length : 0,
      rows: check?.ok
        ? check.rows.slice(0, PREVIEW_ROWS).map((row) => ({
            rowNumber: row.rowNumber,
            name: row.name || "(không có tên)",
            kind: row.kindText,
            status: row.draft ? (row.draft.complete ? "Hợp lệ — báo cáo đầy đủ" : "Hợp lệ — bản nháp, cần bổ sung") : "Có lỗi",
            ok: row.draft !== null,
            problems: row.problems.map((p) => ({ column: p.column, cell: p.cell, message: p.message })),
          }))
        : [],
      more: check?.ok ? Math.max(0, check.rows.length - PREVIEW_ROWS) : 0,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "official");
  const movementId = params.movementId!;
  const { formData, tooLarge } = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "upload") {
    if (tooLarge.has("file")) return refused("upload", { status: 422, message: `Tệp «${tooLarge.get("file")}» vượt quá 10 MB.` });
    const file = fileOf(formData, "file");
    if (!file) return refused("upload", { status: 400, message: "Vui lòng chọn tệp Excel (.xlsx) hoặc CSV cần nhập." });
    const result = await uploadNomineeImport(user, {
      movementId,
      unitId: String(formData.get("unitId") ?? ""),
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!result.ok) return refused("upload", result);
    return redirect(`/phong-trao/${movementId}/nhap-ho-so?tep=${result.importId}`);
  }
  if (intent === "import" || intent === "import-valid") {
    const importId = String(formData.get("importId") ?? "");
    const validOnly = intent === "import-valid";
    if (validOnly && formData.get("confirm") !== "on") {
      return refused("import", { status: 400, message: "Vui lòng đánh dấu xác nhận chỉ nhập các dòng hợp lệ và bỏ qua các dòng có lỗi." });
    }
    const result = await commitNomineeImport(user, movementId, importId, { validOnly });
    if (!result.ok) return refused("import", result);
    return redirect(`/phong-trao/${movementId}/nhap-ho-so?tep=${importId}`);
  }
  return refused(null, { status: 400, message: "Yêu cầu không hợp lệ. Vui lòng tải lại trang." });
}

export default function NomineeImportPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const preview = page.preview;
  return (
    <>
      <p className="muted">
        <Link to="/phong-trao">Phong trào thi đua</Link> › <Link to={`/phong-trao/${page.movement.id}`}>{page.movement.title}</Link> › Nhập
        hồ sơ từ Excel
      </p>
      <h1>Nhập hồ sơ đề nghị khen thưởng từ Excel</h1>
      <section className="card">
        <h2>1. Tải tệp mẫu</h2>
        <p>
          Tệp mẫu có một cột cho mỗi chỉ tiêu của phong trào và trang «Hướng dẫn» cách điền. Có thể dùng tệp Excel (.xlsx) hoặc CSV (UTF-8,
          phân cách bằng dấu phẩy hoặc chấm phẩy).
        </p>
        <p>
          <a className="button secondary-button" href={`/phong-trao/${page.movement.id}/mau-nhap.xlsx`} download>
            Tải tệp mẫu (.xlsx)
          </a>{" "}
          <a href={`/phong-trao/${page.movement.id}/ho-so-de-nghi.xlsx`} download>
            Tải danh sách hồ sơ hiện có theo mẫu này
          </a>
        </p>
      </section>
      <section className="card">
        <h2>2. Tải tệp lên để kiểm tra</h2>
        {!page.movement.open ? <p className="notice">Phong trào không còn nhận hồ sơ.</p> : null}
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="upload" />
          <label>
            Đơn vị trình khen
            <select name="unitId" defaultValue={page.units[0]?.id}>
              {page.units.map((unit) => (
                <option key={unit.id} value={unit.id}>
                  {unit.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Tệp danh sách (.xlsx hoặc .csv, tối đa 10 MB, 10.000 dòng)
            <input
              type="file"
              name="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              required
            />
          </label>
          <FormMessage data={result} target="upload" />
          <div>
            <button type="submit" className="primary" disabled={busy || !page.movement.open}>
              Kiểm tra tệp
            </button>
          </div>
        </Form>
      </section>

      {preview ? (
        <section className="card" aria-labelledby="preview">
          <h2 id="preview">3. Kết quả kiểm tra: {preview.fileName}</h2>
          <p className="muted">Đơn vị trình khen: {preview.unitName}</p>
          {preview.imported ? (
            <p className="notice" role="status">
              Đã nhập {preview.imported.rows} hồ sơ nháp lúc {preview.imported.at}
              {preview.imported.validOnly ? " (chỉ các dòng hợp lệ)" : ""}.{" "}
              <Link to={page.draftsHref}>Xem các hồ sơ nháp của phong trào</Link>.
            </p>
          ) : preview.fileProblem ? (
            <p className="form-error" role="alert">
              {preview.fileProblem}
            </p>
          ) : (
            <>
              <p>
                {preview.valid} dòng hợp lệ ({preview.complete} có báo cáo thành tích đầy đủ),{" "}
                <strong>{preview.invalid} dòng có lỗi</strong>.
                {preview.invalid > 0 ? " Chưa có gì được nhập: sửa tệp rồi tải lên lại, hoặc chỉ nhập các dòng hợp lệ." : null}
              </p>
              <FormMessage data={result} target="import" />
              {preview.invalid === 0 ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="import" />
                  <input type="hidden" name="importId" value={preview.id} />
                  <button type="submit" className="primary" disabled={busy}>
                    Nhập {preview.valid} hồ sơ nháp
                  </button>
                </Form>
              ) : preview.valid > 0 ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="import-valid" />
                  <input type="hidden" name="importId" value={preview.id} />
                  <label className="check">
                    <input type="checkbox" name="confirm" /> Tôi xác nhận chỉ nhập {preview.valid} dòng hợp lệ và bỏ qua {preview.invalid}{" "}
                    dòng có lỗi (việc này được ghi vào nhật ký).
                  </label>
                  <div>
                    <button type="submit" className="secondary" disabled={busy}>
                      Chỉ nhập các dòng hợp lệ
                    </button>
                  </div>
                </Form>
              ) : null}
              <table className="import-preview">
                <thead>
                  <tr>
                    <th className="num">Dòng</th>
                    <th>Họ và tên (tên tập thể)</th>
                    <th>Kết quả</th>
                    <th>Lỗi từng ô</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((row) => (
                    <tr key={row.rowNumber} className={row.ok ? undefined : "bad-row"}>
                      <td className="num">{row.rowNumber}</td>
                      <td>
                        {row.name}
                        {row.kind ? <div className="muted">{row.kind}</div> : null}
                      </td>
                      <td>{row.ok ? <span className="badge open">{row.status}</span> : <span className="badge bad">{row.status}</span>}</td>
                      <td>
                        {row.problems.length > 0 ? (
                          <ul className="cell-errors">
                            {row.problems.map((p, i) => (
                              <li key={i}>
                                <strong>
                                  {p.cell ? `${p.cell} · ` : ""}
                                  {p.column}:
                                </strong>{" "}
                                {p.message}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.more > 0 ? <p className="muted">… và {preview.more} dòng nữa.</p> : null}
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
