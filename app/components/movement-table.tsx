// The table of movements: on the home page and on /phong-trao. The rows come from movementListRow
// (~/models/movement.server.ts), so both loaders send the same fields.
import { Link } from "@remix-run/react";
import type { MovementListRow } from "~/models/movement.server.ts";

export function MovementTable({ movements }: { movements: MovementListRow[] }) {
  return (
    <table>
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
            <td>{movement.year}</td>
            <td>
              <span className={movement.open ? "badge open" : "badge"}>{movement.state}</span>
            </td>
            <td>{movement.deadline}</td>
            <td>{movement.quota || "Không giới hạn"}</td>
            <td className="num">{movement.targets}</td>
            <td className="num">{movement.dossiers}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
