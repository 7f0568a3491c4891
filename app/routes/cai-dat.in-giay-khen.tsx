// Blank-printing settings (in trên phôi Giấy khen), per unit and award form: where each field prints on the
// blank (x/y in mm, size, alignment), the offsets in mm that move every field together (printer drift), an
// optional scan of the blank shown behind the preview (never printed), and test pages to calibrate them.
import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  ALIGN_LABELS,
  ALIGNS,
  BLANK_FIELD_LABELS,
  BLANK_FIELDS,
  BlankLayoutSchema,
  PrintOffsetsSchema,
  SHEET_MM,
  type BlankField,
} from "~/forms/print-settings.ts";
import { AWARD_FORM_VALUES } from "~/forms/proposal.ts";
import { RevisionField, revalidateAfterStaleSave } from "~/components/revision-field.tsx";
import { postedRevision } from "~/forms/revision.ts";
import { blankLayout, blankScanInfo, printSettingsRevisions, saveBlankLayout, saveBlankScan } from "~/models/certificate-blank.server.ts";
import { printOffsets, savePrintOffsets } from "~/models/certificate.server.ts";
import { unitsOfRoles } from "~/models/org-unit.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { AWARD_FORM_LABELS } from "~/utils/labels.ts";
import { fileOf, readForm } from "~/utils/upload.server.ts";

export const meta: MetaFunction = () => [{ title: "Thiết lập in phôi Giấy khen · Thi đua – Khen thưởng" }];
export const shouldRevalidate = revalidateAfterStaleSave;

const ROLES = ["chairman", "secretary"] as const;
type AwardFormValue = (typeof AWARD_FORM_VALUES)[number];

/** The communes whose printing the user sets up, and the chosen one (?don-vi=). */
async function unitsOf(request: Request) {
  const user = await requireRole(request, [...ROLES]);
  const units = await unitsOfRoles(user, ...ROLES);
  return { user, units };
}

function awardFormOf(value: unknown): AwardFormValue {
  return AWARD_FORM_VALUES.find((form) => form === value) ?? AWARD_FORM_VALUES[0];
}

const vi = (value: number) => value.toLocaleString("vi-VN", { maximumFractionDigits: 1 });

export async function loader({ request }: LoaderFunctionArgs) {
  const { units } = await unitsOf(request);
  const params = new URL(request.url).searchParams;
  const unit = units.find((u) => u.id === params.get("don-vi")) ?? units[0];
  if (!unit) throw new Response("Không có đơn vị nào để thiết lập.", { status: 404 });
  const awardForm = awardFormOf(params.get("hinh-thuc"));
  const [offsets, layout, scan, revisions] = await Promise.all([
    printOffsets(unit.id),
    blankLayout(unit.id, awardForm),
    blankScanInfo(unit.id, awardForm),
    printSettingsRevisions(unit.id, awardForm),
  ]);
  return {
    units,
    unit,
    awardForm,
    awardForms: AWARD_FORM_VALUES.map((value) => ({ value, label: AWARD_FORM_LABELS[value] })),
    offsets: { x: vi(offsets.x), y: vi(offsets.y) },
    layout,
    placements: Object.fromEntries(
      BLANK_FIELDS.map((field) => [
        field,
        { x: vi(layout[field].x), y: vi(layout[field].y), size: vi(layout[field].size), align: layout[field].align },
      ]),
    ) as Record<BlankField, { x: string; y: string; size: string; align: string }>,
    scanVersion: scan ? scan.updatedAt.getTime() : null,
    revisions,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await unitsOf(request);
  const { formData, tooLarge } = await readForm(request);
  const intent = formData.get("intent");
  const unitId = String(formData.get("unitId") ?? "");
  const awardForm = awardFormOf(formData.get("awardForm"));
  const back = `/cai-dat/in-giay-khen?don-vi=${encodeURIComponent(unitId)}&hinh-thuc=${awardForm}`;

  if (intent === "scan" || intent === "remove-scan") {
    const file = fileOf(formData, "scan");
    if (intent === "scan" && tooLarge.has("scan"))
      return data({ form: "scan" as const, message: "Ảnh phôi không được lớn hơn 5 MB." }, { status: 422 });
    if (intent === "scan" && !file)
      return data({ form: "scan" as const, message: "Vui lòng chọn tệp ảnh phôi (JPEG hoặc PNG)." }, { status: 422 });
    const bytes = file ? new Uint8Array(await file.arrayBuffer()) : null;
    const result = await saveBlankScan(user, unitId, awardForm, intent === "scan" ? bytes : null);
    if (!result.ok) return data({ form: "scan" as const, message: result.message }, { status: result.status });
    return redirect(`${back}&xong=${intent === "scan" ? "anh" : "xoa-anh"}`);
  }
  if (intent === "layout") {
    const submission = parseWithZod(formData, { schema: BlankLayoutSchema });
    if (submission.status !== "success") return data({ form: "layout" as const, reply: submission.reply() }, { status: 400 });
    const value = submission.value;
    const result = await saveBlankLayout(user, value.unitId, value.awardForm, value.placements, { revision: postedRevision(formData) });
    if (!result.ok)
      return data({ form: "layout" as const, reply: submission.reply({ formErrors: [result.message] }) }, { status: result.status });
    return redirect(`${back}&xong=vi-tri`);
  }
  const submission = parseWithZod(formData, { schema: PrintOffsetsSchema });
  if (submission.status !== "success") return data({ form: "offsets" as const, reply: submission.reply() }, { status: 400 });
  const { offsetX, offsetY } = submission.value;
  const result = await savePrintOffsets(
    user,
    submission.value.unitId,
    { x: Math.round(offsetX * 10) / 10, y: Math.round(offsetY * 10) / 10 },
    { revision: postedRevision(formData) },
  );
  if (!result.ok)
    return data({ form: "offsets" as const, reply: submission.reply({ formErrors: [result.message] }) }, { status: result.status });
  return redirect(`${back}&xong=1`);
}

const NOTICES: Record<string, string> = {
  "1": "Đã lưu độ lệch chung. In lại trang thử để kiểm tra.",
  "vi-tri": "Đã lưu vị trí các nội dung. In lại trang thử để kiểm tra.",
  anh: "Đã lưu ảnh phôi. Ảnh chỉ dùng để xem trước, không được in ra.",
  "xoa-anh": "Đã xóa ảnh phôi.",
};

export default function PrintSettingsPage() {
  const { units, unit, awardForm, awardForms, offsets, layout, placements, scanVersion, revisions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [offsetsForm, offsetFields] = useForm({
    id: "print-offsets",
    lastResult: actionData?.form === "offsets" ? actionData.reply : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PrintOffsetsSchema }),
    defaultValue: { unitId: unit.id, offsetX: offsets.x, offsetY: offsets.y },
  });
  const [layoutForm, layoutFields] = useForm({
    id: "blank-layout",
    lastResult: actionData?.form === "layout" ? actionData.reply : undefined,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BlankLayoutSchema }),
    defaultValue: { unitId: unit.id, awardForm, placements },
  });
  const rows = layoutFields.placements.getFieldset();
  const query = `don-vi=${unit.id}&hinh-thuc=${awardForm}`;
  const scanUrl = scanVersion ? `/cai-dat/in-giay-khen/anh-phoi?${query}&v=${scanVersion}` : null;
  const notice = actionData ? null : NOTICES[params.get("xong") ?? ""];
  const formLabel = awardForms.find((f) => f.value === awardForm)?.label ?? "";
  return (
    <>
      <p className="muted">
        <Link to="/quyet-dinh">Quyết định khen thưởng</Link>
      </p>
      <h1>Thiết lập in Giấy khen trên phôi</h1>
      <p className="muted">
        Khi in trên phôi Giấy khen đã in sẵn (Quốc hiệu, tiêu ngữ, chữ «TẶNG», «GIẤY KHEN» và khung viền), hệ thống chỉ in các nội dung thay
        đổi. Mỗi nội dung có vị trí riêng (tính bằng mm từ góc trên bên trái tờ giấy), cỡ chữ và căn lề riêng, theo từng hình thức khen
        thưởng. Độ lệch chung dịch chuyển mọi nội dung cùng nhau khi máy in kéo giấy lệch.
      </p>
      {notice ? <p className="notice">{notice}</p> : null}
      <Form method="get" className="stack card">
        {units.length > 1 ? (
          <>
            <label htmlFor="don-vi">Đơn vị</label>
            <select id="don-vi" name="don-vi" defaultValue={unit.id}>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </>
        ) : (
          <input type="hidden" name="don-vi" value={unit.id} />
        )}
        <label htmlFor="hinh-thuc">Hình thức khen thưởng (mẫu phôi)</label>
        <select id="hinh-thuc" name="hinh-thuc" defaultValue={awardForm}>
          {awardForms.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          Chọn
        </button>
      </Form>

      <h2>
        {unit.name} · {formLabel}
      </h2>
      <figure className="card">
        <div
          className="blank-preview"
          role="img"
          aria-label="Xem trước vị trí các nội dung trên phôi"
          style={{
            position: "relative",
            width: "100%",
            aspectRatio: `${SHEET_MM.width} / ${SHEET_MM.height}`,
            border: "1px solid #999",
            background: scanUrl ? `url("${scanUrl}") center / 100% 100% no-repeat` : "#fffdf5",
            overflow: "hidden",
          }}
        >
          {BLANK_FIELDS.map((field) => {
            const p = layout[field];
            return (
              <span
                key={field}
                data-field={field}
                style={{
                  position: "absolute",
                  left: `${(p.x / SHEET_MM.width) * 100}%`,
                  top: `${(p.y / SHEET_MM.height) * 100}%`,
                  transform: `translate(${p.align === "center" ? "-50%" : p.align === "right" ? "-100%" : "0"}, -100%)`,
                  fontSize: "0.75rem",
                  color: "#b00",
                  whiteSpace: "nowrap",
                  borderBottom: "1px solid #b00",
                  background: "rgba(255,255,255,0.6)",
                }}
              >
                {BLANK_FIELD_LABELS[field]}
              </span>
            );
          })}
        </div>
        <figcaption className="muted">
          {scanUrl
            ? "Nền là ảnh phôi đã tải lên (chỉ để xem trước, không in ra). Vạch đỏ là dòng chân chữ của từng nội dung."
            : "Chưa có ảnh phôi: tải ảnh quét phôi lên để xem các nội dung trên nền phôi thật. Vạch đỏ là dòng chân chữ của từng nội dung."}
        </figcaption>
      </figure>

      <Form method="post" className="stack card" {...getFormProps(layoutForm)}>
        <h3 style={{ marginTop: 0 }}>Vị trí từng nội dung</h3>
        {layoutForm.errors ? (
          <p className="form-error" role="alert" id={layoutForm.errorId}>
            {layoutForm.errors.join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="unitId" value={unit.id} />
        <input type="hidden" name="awardForm" value={awardForm} />
        <RevisionField value={revisions.layout} />
        <p className="muted">
          Ngang: từ mép trái, 0–{SHEET_MM.width} mm; dọc: từ mép trên đến chân dòng chữ (mã QR: đến cạnh trên), 0–{SHEET_MM.height} mm; cỡ
          chữ 6–60 pt (mã QR: cạnh 15–60 mm). Số thập phân ghi bằng dấu phẩy, ví dụ 148,5.
        </p>
        <table>
          <thead>
            <tr>
              <th scope="col">Nội dung</th>
              <th scope="col">Ngang (mm)</th>
              <th scope="col">Dọc (mm)</th>
              <th scope="col">Cỡ chữ (pt)</th>
              <th scope="col">Căn lề</th>
            </tr>
          </thead>
          <tbody>
            {BLANK_FIELDS.map((field) => (
              <PlacementRow key={field} field={field} meta={rows[field]} />
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button type="submit" name="intent" value="layout" className="primary">
            Lưu vị trí
          </button>
          <a className="button secondary-button" href={`/cai-dat/in-giay-khen/trang-thu.pdf?${query}`}>
            In trang thử (PDF)
          </a>
          {scanUrl ? <a href={`/cai-dat/in-giay-khen/trang-thu.pdf?${query}&nen=phoi`}>Xem trước trên ảnh phôi (PDF)</a> : null}
        </div>
      </Form>

      <Form method="post" encType="multipart/form-data" className="stack card">
        <h3 style={{ marginTop: 0 }}>Ảnh quét phôi (không bắt buộc)</h3>
        {actionData?.form === "scan" ? (
          <p className="form-error" role="alert">
            {actionData.message}
          </p>
        ) : null}
        <input type="hidden" name="unitId" value={unit.id} />
        <input type="hidden" name="awardForm" value={awardForm} />
        <label htmlFor="scan">Ảnh phôi (JPEG hoặc PNG, tối đa 5 MB, khổ A4 nằm ngang)</label>
        <input id="scan" name="scan" type="file" accept="image/jpeg,image/png" />
        <div className="actions">
          <button type="submit" name="intent" value="scan" className="secondary">
            Tải ảnh phôi lên
          </button>
          {scanUrl ? (
            <button type="submit" name="intent" value="remove-scan" className="secondary">
              Xóa ảnh phôi
            </button>
          ) : null}
        </div>
      </Form>

      <Form method="post" className="stack card" {...getFormProps(offsetsForm)}>
        <h3 style={{ marginTop: 0 }}>Độ lệch chung của máy in</h3>
        {offsetsForm.errors ? (
          <p className="form-error" role="alert" id={offsetsForm.errorId}>
            {offsetsForm.errors.join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="unitId" value={unit.id} />
        <input type="hidden" name="awardForm" value={awardForm} />
        <RevisionField value={revisions.offsets} />
        <div>
          <label htmlFor={offsetFields.offsetX.id}>Độ lệch ngang (mm; dương: sang phải, âm: sang trái)</label>
          <input {...getInputProps(offsetFields.offsetX, { type: "text" })} inputMode="decimal" />
          <p className="field-error" aria-live="polite" id={offsetFields.offsetX.errorId}>
            {offsetFields.offsetX.errors}
          </p>
        </div>
        <div>
          <label htmlFor={offsetFields.offsetY.id}>Độ lệch dọc (mm; dương: xuống dưới, âm: lên trên)</label>
          <input {...getInputProps(offsetFields.offsetY, { type: "text" })} inputMode="decimal" />
          <p className="field-error" aria-live="polite" id={offsetFields.offsetY.errorId}>
            {offsetFields.offsetY.errors}
          </p>
        </div>
        <div className="actions">
          <button type="submit" name="intent" value="offsets" className="primary">
            Lưu độ lệch
          </button>
        </div>
      </Form>
      <ol className="muted">
        <li>Tải trang thử, in ở tỷ lệ 100% (không chọn «Vừa khổ giấy»), khổ A4 nằm ngang, lên một tờ phôi hoặc giấy thường.</li>
        <li>Đặt tờ in chồng lên phôi, soi trước đèn: mỗi nội dung mẫu in đúng chỗ, cỡ chữ và căn lề đã đặt; lưới ô 1 mm giúp đo.</li>
        <li>
          Nội dung nào lệch: sửa vị trí của riêng nội dung đó. Mọi nội dung lệch như nhau: sửa độ lệch chung. Lưu và in lại đến khi khớp.
        </li>
      </ol>
    </>
  );
}

type PlacementFields = { x: string; y: string; size: string; align: string };

function PlacementRow({ field, meta }: { field: BlankField; meta: FieldMetadata<PlacementFields> }) {
  const p = meta.getFieldset();
  const label = BLANK_FIELD_LABELS[field];
  const errors = [p.x, p.y, p.size, p.align].flatMap((f) => f.errors ?? []);
  return (
    <tr>
      <th scope="row">
        {label}
        {errors.length > 0 ? (
          <p className="field-error" aria-live="polite" id={`${meta.id}-errors`}>
            {errors.join(" ")}
          </p>
        ) : null}
      </th>
      <td>
        <input {...getInputProps(p.x, { type: "text" })} inputMode="decimal" size={6} aria-label={`${label}: ngang (mm)`} />
      </td>
      <td>
        <input {...getInputProps(p.y, { type: "text" })} inputMode="decimal" size={6} aria-label={`${label}: dọc (mm)`} />
      </td>
      <td>
        <input
          {...getInputProps(p.size, { type: "text" })}
          inputMode="decimal"
          size={5}
          aria-label={field === "qr" ? `${label}: cạnh (mm)` : `${label}: cỡ chữ (pt)`}
        />
      </td>
      <td>
        <select {...getSelectProps(p.align)} aria-label={`${label}: căn lề`}>
          {ALIGNS.map((align) => (
            <option key={align} value={align}>
              {ALIGN_LABELS[align]}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}
