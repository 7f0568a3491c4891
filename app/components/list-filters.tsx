// The filter bar of a list: a GET form, so the query is the URL (bookmarkable, works without JavaScript).
// Parameter names are those of app/utils/list-query.ts.
import { Form, Link } from "@remix-run/react";
import { QUERY_PARAMS, TARGET_STATUS_PARAMS, type ListQuery } from "~/utils/list-query.ts";

type Option = { value: string; label: string };

export type FilterFields = {
  /** Placeholder of the name search, e.g. "Họ tên, không cần dấu". */
  search?: { label: string; placeholder: string };
  states?: Option[];
  units?: Option[];
  movements?: Option[];
  years?: number[];
  /** Label of the "overdue only" box; absent: no box. */
  overdue?: string;
  sorts?: Option[];
};

export function ListFilters({
  query,
  fields,
  resetTo,
  exportHref,
  exportLabel = "Tải Excel (.xlsx)",
  notes = [],
}: {
  query: ListQuery;
  fields: FilterFields;
  /** The list without any query ("/ho-so"). */
  resetTo: string;
  /** The .xlsx of the list with the same query. */
  exportHref?: string;
  exportLabel?: string;
  /** Filters that come from a link and have no field here (a subject kind, a target's judgement), in words. */
  notes?: string[];
}) {
  return (
    <Form method="get" className="list-filters card no-print" role="search" aria-label="Tìm kiếm và lọc">
      {query.subjectKinds.map((kind) => (
        <input key={kind} type="hidden" name={QUERY_PARAMS.subjectKind} value={kind} />
      ))}
      {query.targetId ? <input type="hidden" name={QUERY_PARAMS.target} value={query.targetId} /> : null}
      {query.targetId && query.targetStatus ? (
        <input type="hidden" name={QUERY_PARAMS.targetStatus} value={TARGET_STATUS_PARAMS[query.targetStatus]} />
      ) : null}
      {notes.length > 0 ? <p className="muted filter-notes">Đang lọc theo: {notes.join("; ")}.</p> : null}
      {fields.search ? (
        <label className="grow">
          {fields.search.label}
          <input type="search" name={QUERY_PARAMS.q} defaultValue={query.q} placeholder={fields.search.placeholder} maxLength={100} />
        </label>
      ) : null}
      {fields.states && query.states.length > 1 ? (
        // Several states come from a link (the dashboard, the home page): each stays a box to untick.
        <fieldset className="states">
          <legend>Trạng thái</legend>
          {fields.states
            .filter((option) => query.states.includes(option.value))
            .map((option) => (
              <label key={option.value} className="check">
                <input type="checkbox" name={QUERY_PARAMS.state} value={option.value} defaultChecked /> {option.label}
              </label>
            ))}
        </fieldset>
      ) : fields.states ? (
        <label>
          Trạng thái
          <select name={QUERY_PARAMS.state} defaultValue={query.states.length === 1 ? query.states[0] : ""}>
            <option value="">Tất cả</option>
            {fields.states.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {fields.units ? (
        <label>
          Đơn vị
          <select name={QUERY_PARAMS.unit} defaultValue={query.unitId ?? ""}>
            <option value="">Tất cả</option>
            {fields.units.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {fields.movements ? (
        <label>
          Phong trào
          <select name={QUERY_PARAMS.movement} defaultValue={query.movementId ?? ""}>
            <option value="">Tất cả</option>
            {fields.movements.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {fields.years ? (
        <label>
          Năm
          <select name={QUERY_PARAMS.year} defaultValue={query.year === null ? "" : String(query.year)}>
            <option value="">Tất cả</option>
            {fields.years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {fields.sorts ? (
        <label>
          Sắp xếp
          <select name={QUERY_PARAMS.sort} defaultValue={query.sort}>
            {fields.sorts.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {fields.overdue ? (
        <label className="check">
          <input type="checkbox" name={QUERY_PARAMS.overdue} value="1" defaultChecked={query.overdue} /> {fields.overdue}
        </label>
      ) : null}
      <div className="filter-actions">
        <button type="submit" className="primary">
          Tìm kiếm
        </button>
        <Link to={resetTo}>Xóa bộ lọc</Link>
        {exportHref ? (
          <a href={exportHref} className="button secondary-button" download>
            {exportLabel}
          </a>
        ) : null}
      </div>
    </Form>
  );
}
