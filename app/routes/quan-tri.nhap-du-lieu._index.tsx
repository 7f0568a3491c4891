// Import of units and staff from .xlsx or .csv: the template, a preview with a Vietnamese error on each bad
// row, and the import itself — only when every row is valid, all rows in one transaction.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav.tsx";
import { commitImport, previewImport, type ImportKind, type Imported, type Preview } from "~/models/admin-import.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { fileOf, readForm } from "~/utils/upload.server.ts";

export const meta: MetaFunction = () => [{ title: "Nhập từ Excel · Quản trị · Thi đua – Khen thưởng" }];

const KINDS: Record<ImportKind, string> = { units: "Đơn vị", staff: "Cán bộ, công chức, người lao động, hộ gia đình" };
const TEMPLATES: Record<ImportKind, string> = {
  units: "/quan-tri/nhap-du-lieu/mau-don-vi.xlsx",
  staff: "/quan-tri/nhap-du-lieu/mau-can-bo.xlsx",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

type Answer = { kind: ImportKind; message?: string; preview?: Preview; imported?: Imported };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const { formData, tooLarge } = await readForm(request);
  const kind = formData.get("kind") === "units" ? "units" : "staff";
  const answer = (body: Omit<Answer, "kind">, status = 200) => data<Answer>({ kind, ...body }, { status });
  if (formData.get("intent") === "nhap") {
    const result = await commitImport(admin, kind, String(formData.get("payload") ?? ""));
    if (!result.ok) return answer({ message: result.message }, result.status);
    return answer({ imported: { created: result.created, accounts: result.accounts } });
  }
  if (tooLarge.size > 0) return answer({ message: "Tệp quá lớn (tối đa 10 MB)." }, 413);
  const file = fileOf(formData, "file");
  if (!file) return answer({ message: "Vui lòng chọn tệp Excel (.xlsx) hoặc CSV để nhập." }, 400);
  const result = await previewImport(admin, kind, new Uint8Array(await file.arrayBuffer()));
  if (!result.ok) return answer({ message: result.message }, result.status);
  return answer({ preview: result.preview }, result.preview.valid ? 200 : 422);
}

export default function ImportPage() {
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <>
      <h1>Nhập đơn vị và cán bộ từ Excel, CSV</h1>
      <AdminNav />
      <p>
        Tải tệp mẫu, điền dữ liệu (mỗi dòng một đơn vị hoặc một người), rồi tải lên để xem trước. Hệ thống kiểm tra từng dòng; chỉ khi mọi
        dòng hợp lệ mới cho nhập, và nhập tất cả cùng lúc — có một dòng sai thì không dòng nào được ghi. Nhập đơn vị trước, cán bộ sau.
      </p>
      <ul>
        <li>
          <a href={TEMPLATES.units} download>
            Tải mẫu nhập đơn vị (.xlsx)
          </a>
        </li>
        <li>
          <a href={TEMPLATES.staff} download>
            Tải mẫu nhập cán bộ, hộ gia đình (.xlsx)
          </a>
        </li>
      </ul>

      {answer?.message ? (
        <p className="form-error" role="alert">
          {answer.message}
        </p>
      ) : null}

      {answer?.imported ? (
        <section className="card stack" role="status">
          <p className="notice">
            Đã nhập {answer.imported.created} dòng {KINDS[answer.kind].toLowerCase()}.
          </p>
          {answer.imported.accounts.length > 0 ? (
            <>
              <p>Mật khẩu tạm thời của các tài khoản mới (chỉ hiển thị một lần; người dùng phải đổi khi đăng nhập lần đầu):</p>
              <table>
                <thead>
                  <tr>
                    <th>Họ và tên</th>
                    <th>Tên đăng nhập</th>
                    <th>Mật khẩu tạm thời</th>
                  </tr>
                </thead>
                <tbody>
                  {answer.imported.accounts.map((account) => (
                    <tr key={account.username}>
                      <td>{account.fullName}</td>
                      <td>{account.username}</td>
                      <td className="secret">{account.password}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          <p>
            <Link to={answer.kind === "units" ? "/quan-tri/don-vi" : "/ca-nhan"}>Xem danh sách</Link>
          </p>
        </section>
      ) : null}

      {answer?.preview ? <PreviewTable preview={answer.preview} busy={busy} /> : null}

      <h2>Tải tệp lên để xem trước</h2>
      <Form method="post" encType="multipart/form-data" className="stack card">
        <input type="hidden" name="intent" value="xem-truoc" />
        <fieldset className="choice">
          <legend>Loại dữ liệu</legend>
          {(Object.keys(KINDS) as ImportKind[]).map((kind) => (
            <label key={kind}>
              <input type="radio" name="kind" value={kind} defaultChecked={(answer?.kind ?? "units") === kind} /> {KINDS[kind]}
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor="file">Tệp Excel (.xlsx) hoặc CSV (UTF-8)</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          />
        </div>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            Xem trước
          </button>
        </div>
      </Form>
    </>
  );
}

function PreviewTable({ preview, busy }: { preview: Preview; busy: boolean }) {
  const bad = preview.rows.filter((row) => row.errors.length > 0);
  return (
    <section className="card stack" style={{ maxWidth: "none" }}>
      <h2>Xem trước: {KINDS[preview.kind]}</h2>
      {preview.valid ? (
        <p className="notice">Tất cả {preview.rows.length} dòng hợp lệ.</p>
      ) : (
        <p className="form-error" role="alert">
          {bad.length} trong {preview.rows.length} dòng có lỗi (dòng {bad.map((row) => row.rowNumber).join(", ")}). Vui lòng sửa trong tệp
          rồi tải lên lại; chưa có dòng nào được nhập.
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>Dòng</th>
            {preview.headers.map((header) => (
              <th key={header}>{header}</th>
            ))}
            <th>Kiểm tra</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.rowNumber} className={row.errors.length > 0 ? "overdue" : undefined}>
              <td>{row.rowNumber}</td>
              {row.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
              <td>
                {row.errors.length === 0 ? (
                  "Hợp lệ"
                ) : (
                  <ul className="compact field-error">
                    {row.errors.map((error) => (
                      <li key={error}>{error}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.valid ? (
        <Form method="post">
          <input type="hidden" name="intent" value="nhap" />
          <input type="hidden" name="kind" value={preview.kind} />
          <input type="hidden" name="payload" value={preview.payload} />
          <button type="submit" className="primary" disabled={busy}>
            Nhập {preview.rows.length} dòng
          </button>
        </Form>
      ) : null}
    </section>
  );
}
