// Printing on pre-printed blanks (phôi Giấy khen): how far every field may be shifted, in mm. Shared by the
// settings form (browser and action) and the model that saves the offsets.
import { z } from "zod";
import { vnNumber } from "./fields.ts";

export const OFFSET_LIMIT_MM = 30;

export const PrintOffsetsSchema = z.object({
  unitId: z.string({ error: "Vui lòng chọn đơn vị." }).max(200).min(1, "Vui lòng chọn đơn vị."),
  offsetX: vnNumber({ label: "độ lệch ngang", min: -OFFSET_LIMIT_MM, max: OFFSET_LIMIT_MM }),
  offsetY: vnNumber({ label: "độ lệch dọc", min: -OFFSET_LIMIT_MM, max: OFFSET_LIMIT_MM }),
});
