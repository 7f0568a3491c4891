// Blank-printing settings (in trên phôi Giấy khen): the offsets in mm that move every field so it
// lands on the lines of the unit's pre-printed blanks, and a test page to calibrate them.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { PrintOffsetsSchema } from "~/forms/print-settings.ts";
import { printOffsets, savePrintOffsets } from "~/models/certificate.server.ts";
import { unitsOfRoles } from "~/models/org-unit.server.ts";
import { requireRole } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Thiết lập in phôi Giấy khen · Thi đua – Khen thưởng" }];

const ROLES = ["chairman", "secretary"] as const;

/** The communes whose printing the user sets up, and the chosen one (?don-vi=). */
async function unitsOf(request: Request) {
  const user = await requireRole(request, [...ROLES]);
  const units = await unitsOfRoles(user, ...ROLES);
  return { user, units };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { units } = await unitsOf(request);
  const wanted = new URL(request.url).searchParams.get("don-vi");
  const unit = units.find((u) => u.id === wanted) ?? units[0];
  if (!unit) throw new Response("Không có đơn vị nào để thiết lập.", { status: 404 });
  const offsets = await printOffsets(unit.id);
  return { units, unit, offsets: { x: offsets.x.toLocaleString("vi-VN"), y: offsets.y.toLocaleString("vi-VN") } };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await unitsOf(request);
  const submission = parseWithZod(await request.formData(), { schema: PrintOffsetsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { unitId, offsetX, offsetY } = submission.value;
  const result = await savePrintOffsets(user, unitId, { x: Math.round(offsetX * 10) / 10, y: Math.round(offsetY * 10) / 10 });
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  return redirect(`/cai-dat/in-giay-khen?don-vi=${unitId}&xong=1`);
}

export default function PrintSettingsPage() {
  const { units, unit, offsets } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "print-offsets",
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PrintOffsetsSchema }),
    defaultValue: { unitId: unit.id, offsetX: offsets.x, offsetY: offsets.y },
  });
  return (
    <>
      <p className="muted">
        <Link to="/quyet-dinh">Quyết định khen thưởng</Link>
      </p>
      <h1>Thiết lập in Giấy khen trên phôi</h1>
      <p className="muted">
        Khi in trên phôi Giấy khen đã in sẵn (Quốc hiệu, tiêu ngữ, chữ «TẶNG», «GIẤY KHEN» và khung viền), hệ thống chỉ in các nội dung thay
        đổi: cơ quan khen thưởng, họ tên, chức vụ, thành tích, số và ngày quyết định, số sổ vàng, số hiệu và mã QR, địa danh và ngày tháng,
        chức danh và họ tên người ký. Mỗi máy in kéo giấy lệch một chút: nhập độ lệch để mọi nội dung dịch chuyển cùng nhau cho khớp với
        phôi.
      </p>
      {params.get("xong") && !lastResult ? <p className="notice">Đã lưu độ lệch. In lại trang thử để kiểm tra.</p> : null}
      {units.length > 1 ? (
        <Form method="get" className="stack card">
          <label htmlFor="don-vi">Đơn vị</label>
          <select id="don-vi" name="don-vi" defaultValue={unit.id}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <button type="submit" className="secondary">
            Chọn
          </button>
        </Form>
      ) : null}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <h2 style={{ marginTop: 0 }}>{unit.name}</h2>
        {form.errors ? (
          <p className="form-error" role="alert" id={form.errorId}>
            {form.errors.join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="unitId" value={unit.id} />
        <div>
          <label htmlFor={fields.offsetX.id}>Độ lệch ngang (mm; dương: sang phải, âm: sang trái)</label>
          <input {...getInputProps(fields.offsetX, { type: "text" })} inputMode="decimal" />
          <p className="field-error" aria-live="polite" id={fields.offsetX.errorId}>
            {fields.offsetX.errors}
          </p>
        </div>
        <div>
          <label htmlFor={fields.offsetY.id}>Độ lệch dọc (mm; dương: xuống dưới, âm: lên trên)</label>
          <input {...getInputProps(fields.offsetY, { type: "text" })} inputMode="decimal" />
          <p className="field-error" aria-live="polite" id={fields.offsetY.errorId}>
            {fields.offsetY.errors}
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Lưu độ lệch
          </button>
          <a className="button secondary-button" href={`/cai-dat/in-giay-khen/trang-thu.pdf?don-vi=${unit.id}`}>
            In trang thử (PDF)
          </a>
        </div>
      </Form>
      <ol className="muted">
        <li>Tải trang thử, in ở tỷ lệ 100% (không chọn «Vừa khổ giấy»), khổ A4 nằm ngang, lên một tờ phôi hoặc giấy thường.</li>
        <li>Đặt tờ in chồng lên phôi, soi trước đèn: mỗi dấu chữ thập là điểm bắt đầu (hoặc tâm) của một nội dung.</li>
        <li>Đo khoảng cách từ dấu chữ thập đến dòng kẻ tương ứng trên phôi, nhập vào độ lệch, lưu và in lại trang thử đến khi khớp.</li>
      </ol>
    </>
  );
}
