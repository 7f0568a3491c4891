/** "Lịch sử thay đổi": the audit rows of a unit, an account or a person, newest first. */
export function History({ rows }: { rows: Array<{ id: string; at: string; actor: string; action: string; changes: string[] }> }) {
  if (rows.length === 0) return <p className="muted">Chưa có thay đổi nào được ghi nhận.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Thời điểm</th>
          <th>Người thực hiện</th>
          <th>Thay đổi</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>{row.at}</td>
            <td>{row.actor}</td>
            <td>
              <strong>{row.action}</strong>
              {row.changes.length > 0 ? (
                <ul className="compact">
                  {row.changes.map((change) => (
                    <li key={change}>{change}</li>
                  ))}
                </ul>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
