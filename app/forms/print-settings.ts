// Printing on pre-printed blanks (phôi Giấy khen): how far every field may be shifted, in mm, and where each
// printed field sits on a unit's blank of one award form. Shared by the settings form (browser and action),
// the model that saves them and the renderer that prints them: no server-only imports here.
import { z } from "zod";
import { vnNumber } from "./fields.ts";
import { AWARD_FORM_VALUES } from "./proposal.ts";

export const OFFSET_LIMIT_MM = 30;

/** What a stale save of each settings form names (app/forms/revision.ts). */
export const PRINT_OFFSETS_THING = "Độ lệch chung của máy in";
export const BLANK_LAYOUT_THING = "Vị trí các nội dung trên phôi";

export const PrintOffsetsSchema = z.object({
  unitId: z.string({ error: "Vui lòng chọn đơn vị." }).max(200).min(1, "Vui lòng chọn đơn vị."),
  offsetX: vnNumber({ label: "độ lệch ngang", min: -OFFSET_LIMIT_MM, max: OFFSET_LIMIT_MM }),
  offsetY: vnNumber({ label: "độ lệch dọc", min: -OFFSET_LIMIT_MM, max: OFFSET_LIMIT_MM }),
});

// ─── Per-field placement ─────────────────────────────────────────────────────

/** The fields printed on a blank, in the order the settings page lists them. */
export const BLANK_FIELDS = [
  "issuer",
  "recipient",
  "detail",
  "achievement",
  "decision",
  "goldenBook",
  "placeDate",
  "signerTitle",
  "signerName",
  "qr",
  "serial",
] as const;
export type BlankField = (typeof BLANK_FIELDS)[number];

export const BLANK_FIELD_LABELS: Record<BlankField, string> = {
  issuer: "Cơ quan khen thưởng",
  recipient: "Họ và tên (tên tập thể)",
  detail: "Chức vụ, đơn vị",
  achievement: "Thành tích",
  decision: "Dòng quyết định (số, ngày)",
  goldenBook: "Số sổ vàng",
  placeDate: "Địa danh, ngày tháng năm",
  signerTitle: "Chức danh người ký",
  signerName: "Họ tên người ký",
  qr: "Mã QR",
  serial: "Số hiệu và địa chỉ xác minh",
};

export const ALIGNS = ["left", "center", "right"] as const;
export type Align = (typeof ALIGNS)[number];
export const ALIGN_LABELS: Record<Align, string> = { left: "Trái", center: "Giữa", right: "Phải" };

/** x, y: mm from the sheet's top-left corner (y is the text's baseline, or the QR's top edge); size: pt, or the QR's side in mm. */
export type Placement = { x: number; y: number; size: number; align: Align };
export type BlankLayout = Record<BlankField, Placement>;

/** The template: where the full design on plain paper prints each field, and where a blank starts from. */
export const DEFAULT_BLANK_LAYOUT: BlankLayout = {
  issuer: { x: 148.5, y: 46, size: 17, align: "center" },
  recipient: { x: 148.5, y: 96, size: 24, align: "center" },
  detail: { x: 148.5, y: 105.5, size: 15, align: "center" },
  achievement: { x: 148.5, y: 115.5, size: 15, align: "center" },
  decision: { x: 24, y: 150, size: 12, align: "left" },
  goldenBook: { x: 24, y: 156, size: 12, align: "left" },
  placeDate: { x: 207, y: 136, size: 14, align: "center" },
  signerTitle: { x: 207, y: 143.5, size: 15, align: "center" },
  signerName: { x: 207, y: 190, size: 16, align: "center" },
  qr: { x: 24, y: 160, size: 24, align: "left" },
  serial: { x: 50, y: 168, size: 10, align: "left" },
};

/** The sheet (A4 landscape) in mm, and the sizes a field may take. */
export const SHEET_MM = { width: 297, height: 210 } as const;
export const FONT_SIZE_LIMITS = { min: 6, max: 60 } as const;
export const QR_SIZE_LIMITS = { min: 15, max: 60 } as const;

function placementSchema(field: BlankField) {
  const name = `«${BLANK_FIELD_LABELS[field]}»`;
  const size = field === "qr" ? QR_SIZE_LIMITS : FONT_SIZE_LIMITS;
  return z.object({
    x: vnNumber({ label: `vị trí ngang (mm) của ${name}`, min: 0, max: SHEET_MM.width }),
    y: vnNumber({ label: `vị trí dọc (mm) của ${name}`, min: 0, max: SHEET_MM.height }),
    size: vnNumber({ label: field === "qr" ? `cạnh (mm) của ${name}` : `cỡ chữ (pt) của ${name}`, ...size }),
    align: z.enum(ALIGNS, { error: `Vui lòng chọn căn lề của ${name}: trái, giữa hoặc phải.` }),
  });
}

const placements = Object.fromEntries(BLANK_FIELDS.map((field) => [field, placementSchema(field)])) as Record<
  BlankField,
  ReturnType<typeof placementSchema>
>;

export const BlankLayoutSchema = z.object({
  unitId: z.string({ error: "Vui lòng chọn đơn vị." }).min(1, "Vui lòng chọn đơn vị."),
  awardForm: z.enum(AWARD_FORM_VALUES, { error: "Vui lòng chọn hình thức khen thưởng." }),
  placements: z.object(placements),
});

/** A stored layout (JSON), read leniently: a field missing or malformed takes the template's place. */
const StoredPlacement = z.object({
  x: z.number().min(0).max(SHEET_MM.width),
  y: z.number().min(0).max(SHEET_MM.height),
  size: z.number().positive().max(QR_SIZE_LIMITS.max),
  align: z.enum(ALIGNS),
});

export function readBlankLayout(stored: unknown): BlankLayout {
  const record = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  return Object.fromEntries(
    BLANK_FIELDS.map((field) => {
      const parsed = StoredPlacement.safeParse(record[field]);
      return [field, parsed.success ? parsed.data : DEFAULT_BLANK_LAYOUT[field]];
    }),
  ) as BlankLayout;
}

/** Rounds a placement to what the form shows (0.1 mm, 0.5 pt). */
export function roundPlacement(p: Placement): Placement {
  return { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10, size: Math.round(p.size * 2) / 2, align: p.align };
}
