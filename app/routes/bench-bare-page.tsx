// The baseline page of bench/: the root layout and a loader returning fixed data, about the size of a
// list page, and nothing else — no query of its own, no app component. Measured beside the real pages,
// it shows what the framework costs by itself. Not a feature: 404 unless BENCH_BARE_PAGE=true (set by `npm run bench`).
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { env } from "~/utils/env.server.ts";

export const meta: MetaFunction = () => [{ title: "Trang chuẩn đo hiệu năng · Thi đua – Khen thưởng" }];

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"];
const MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Hữu"];
const GIVEN = ["Hùng", "Hà", "Lan", "Phúc", "Tuấn", "Mai", "Bảo", "Sơn", "Hạnh", "Dũng", "Hương"];
const UNITS = [
  "Bộ phận Tư pháp - Hộ tịch",
  "Bộ phận Địa chính - Xây dựng - Đô thị và Môi trường",
  "Bộ phận Văn hóa - Xã hội",
  "Ấp Phước Lâm",
];
const STATES = ["Đã nộp", "Đã thẩm định", "Đang bỏ phiếu", "Cần bổ sung", "Đã phê duyệt"];
const MOVEMENT = "Nâng cao trách nhiệm người đứng đầu trong thực hiện các nhiệm vụ cải cách hành chính (2026)";

// Fixed data, built once: the same bytes on every request.
const ROWS = Array.from({ length: 24 }, (_, i) => ({
  id: `c${String(i).padStart(24, "0")}`,
  nominee: `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 3) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`,
  detail: `Cá nhân · Công chức ${UNITS[i % UNITS.length]}`,
  unit: UNITS[i % UNITS.length]!,
  movement: MOVEMENT,
  state: STATES[i % STATES.length]!,
  documents: `${(i % 3) + 1}/3`,
  dueDate: `${String((i % 28) + 1).padStart(2, "0")}/12/2026`,
  updated: `${String((i % 28) + 1).padStart(2, "0")}/11/2026 ${String(8 + (i % 9)).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}`,
}));

export function loader() {
  if (env().BENCH_BARE_PAGE !== "true") throw new Response("Không tìm thấy trang.", { status: 404 });
  return { rows: ROWS, page: 1, pages: 74, total: 1468 };
}

export default function BenchBarePage() {
  const { rows, page, pages, total } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Trang chuẩn đo hiệu năng</h1>
      <table>
        <thead>
          <tr>
            <th>Người (tập thể) được đề nghị</th>
            <th>Phong trào</th>
            <th>Trạng thái</th>
            <th className="num">Tài liệu hoàn thành</th>
            <th>Cập nhật</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <a href={`/ho-so/${row.id}`}>{row.nominee}</a>
                <div className="muted">
                  {row.detail} · {row.unit}
                </div>
              </td>
              <td>{row.movement}</td>
              <td>
                <span className="badge open">{row.state}</span>
                <div>Hạn xử lý: {row.dueDate}</div>
              </td>
              <td className="num">{row.documents}</td>
              <td>{row.updated}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Trang {page}/{pages} · {total} hồ sơ
      </p>
    </>
  );
}
