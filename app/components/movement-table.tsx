// The table of movements: on the home page and on /phong-trao. The rows come from movementListRow
// (~/models/movement.server.ts), so both loaders send the same fields.
import { Link } from "@remix-run/react";
import type { MovementListRow } from "~/models/movement.server.ts";

export function MovementTable({ movements }: { movements: MovementListRow[] }) {
  return (
    <table className="cards">
      <thead>
        <tr>
          <th>Phong trào</th>
          <th>Năm</th>
          <th>Trạng thái</th>
          <th>Hạn nộp hồ sơ</th>
          <th>Số lượng khen thưởng</th>
          <th className="num">Chỉ tiêu</th>
          <th className="num">Hồ sơ</th>
        </tr>
      </thead>
      <tbody>
        {movements.map((movement) => (
          <tr key={movement.id}>
            <td>
              <Link to={`/phong-trao/${movement.id}`}>{movement.title}</Link>
              <div className="muted">
                {movement.unitName}
                {movement.version > 1 ? ` · phiên bản ${movement.version}` : null}
                {movement.superseded ? " · đã có phiên bản mới" : null}
              </div>
            </td>
            <td data-label="Năm">{movement.year}</td>
            <td data-label="Trạng thái">
              <span className={movement.open ? "badge open" : "badge"}>{movement.state}</span>
            </td>
            <td data-label="Hạn nộp hồ sơ">{movement.deadline}</td>
            <td data-label="Số lượng khen thưởng">{movement.quota || "Không giới hạn"}</td>
            <td data-label="Chỉ tiêu" className="num">
              {movement.targets}
            </td>
            <td data-label="Hồ sơ" className="num">
              {movement.dossiers}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
