// The query of a list page lives in its URL, so a list can be bookmarked, shared and filtered without
// JavaScript (a GET form). One set of parameter names for every list (the home page links to them):
//   q            name typed with or without tone marks ("nguyen van")
//   trang-thai   a state code, may repeat (trang-thai=submitted&trang-thai=screened)
//   don-vi       a unit id: that unit and every unit under it
//   phong-trao   a movement id
//   nam          a year (the movement's, the decision's, the certificate's)
//   qua-han=1    only what is past its working-day deadline
//   doi-tuong    a subject kind of the nominee (unit_head, civil_servant, …), may repeat
//   chi-tieu     a target id, with ket-qua: dat | chua-dat | chua-co | khong-phat-sinh (its judgement)
//   sap-xep      a sort key of the list
//   trang        the page, from 1
// Pure: the browser builds its links with it too.

export type ListQuery = {
  q: string;
  states: string[];
  unitId: string | null;
  movementId: string | null;
  year: number | null;
  overdue: boolean;
  subjectKinds: string[];
  targetId: string | null;
  /** The judgement of the target's figure (machines/figures.ts FigureStatus), with `targetId`. */
  targetStatus: TargetStatus | null;
  sort: string;
  page: number;
};

export type TargetStatus = "met" | "unmet" | "missing" | "not_applicable";
/** The judgements as the URL spells them. */
export const TARGET_STATUS_PARAMS: Record<TargetStatus, string> = {
  met: "dat",
  unmet: "chua-dat",
  missing: "chua-co",
  not_applicable: "khong-phat-sinh",
};

export const QUERY_PARAMS = {
  q: "q",
  state: "trang-thai",
  unit: "don-vi",
  movement: "phong-trao",
  year: "nam",
  overdue: "qua-han",
  subjectKind: "doi-tuong",
  target: "chi-tieu",
  targetStatus: "ket-qua",
  sort: "sap-xep",
  page: "trang",
} as const;

/** What a list accepts: its state codes and its sort keys (the first is the default). */
export type ListSpec = { states?: readonly string[]; subjectKinds?: readonly string[]; sorts: readonly string[] };

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_QUERY_LENGTH = 100;

/** The list's query from the URL; anything malformed reads as not given (a list never fails on its URL). */
export function readListQuery(params: URLSearchParams, spec: ListSpec): ListQuery {
  const id = (name: string) => {
    const value = params.get(name)?.trim() ?? "";
    return ID.test(value) ? value : null;
  };
  const year = Number(params.get(QUERY_PARAMS.year));
  const page = Number(params.get(QUERY_PARAMS.page));
  const sort = params.get(QUERY_PARAMS.sort) ?? "";
  const allowedStates = new Set(spec.states ?? []);
  const allowedKinds = new Set(spec.subjectKinds ?? []);
  const status = (Object.keys(TARGET_STATUS_PARAMS) as TargetStatus[]).find(
    (key) => TARGET_STATUS_PARAMS[key] === params.get(QUERY_PARAMS.targetStatus),
  );
  const targetId = id(QUERY_PARAMS.target);
  return {
    q: (params.get(QUERY_PARAMS.q) ?? "").trim().slice(0, MAX_QUERY_LENGTH),
    states: [...new Set(params.getAll(QUERY_PARAMS.state).filter((state) => allowedStates.has(state)))],
    unitId: id(QUERY_PARAMS.unit),
    movementId: id(QUERY_PARAMS.movement),
    year: Number.isInteger(year) && year >= 1900 && year <= 2199 ? year : null,
    overdue: params.get(QUERY_PARAMS.overdue) === "1",
    subjectKinds: [...new Set(params.getAll(QUERY_PARAMS.subjectKind).filter((kind) => allowedKinds.has(kind)))],
    targetId,
    targetStatus: targetId && status ? status : null,
    sort: spec.sorts.includes(sort) ? sort : spec.sorts[0]!,
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}

/** The query string of `query` with `change` applied ("?q=nguyen&trang=2"); defaults are left out. */
export function listSearch(query: ListQuery, change: Partial<ListQuery> = {}, defaultSort?: string): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set(QUERY_PARAMS.q, next.q);
  for (const state of next.states) params.append(QUERY_PARAMS.state, state);
  if (next.unitId) params.set(QUERY_PARAMS.unit, next.unitId);
  if (next.movementId) params.set(QUERY_PARAMS.movement, next.movementId);
  if (next.year !== null) params.set(QUERY_PARAMS.year, String(next.year));
  if (next.overdue) params.set(QUERY_PARAMS.overdue, "1");
  for (const kind of next.subjectKinds) params.append(QUERY_PARAMS.subjectKind, kind);
  if (next.targetId) params.set(QUERY_PARAMS.target, next.targetId);
  if (next.targetId && next.targetStatus) params.set(QUERY_PARAMS.targetStatus, TARGET_STATUS_PARAMS[next.targetStatus]);
  if (next.sort && next.sort !== defaultSort) params.set(QUERY_PARAMS.sort, next.sort);
  if (next.page > 1) params.set(QUERY_PARAMS.page, String(next.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** A link into a list from elsewhere (the dashboard, the home page): "/ho-so?phong-trao=…&trang-thai=submitted". */
export function listHref(path: string, filters: Partial<Omit<ListQuery, "sort" | "page">>): string {
  return `${path}${listSearch({ ...EMPTY_QUERY, ...filters })}`;
}

const EMPTY_QUERY: ListQuery = {
  q: "",
  states: [],
  unitId: null,
  movementId: null,
  year: null,
  overdue: false,
  subjectKinds: [],
  targetId: null,
  targetStatus: null,
  sort: "",
  page: 1,
};

/** Whether any filter (not the sort or the page) is applied. */
export function isFiltered(query: ListQuery): boolean {
  return Boolean(
    query.q ||
    query.states.length ||
    query.unitId ||
    query.movementId ||
    query.year !== null ||
    query.overdue ||
    query.subjectKinds.length ||
    query.targetId,
  );
}

/** The filters of a list in words, for the title block of its export: "Trạng thái: Đã nộp", "Năm: 2023". */
export function describeFilters(
  query: ListQuery,
  names: {
    units?: Array<{ id: string; name: string }>;
    movements?: Array<{ id: string; title: string; year: number }>;
    stateLabels?: Record<string, string>;
    subjectKindLabels?: Record<string, string>;
    targets?: Array<{ id: string; label: string }>;
    targetStatusLabels?: Record<string, string>;
    sortLabels?: Record<string, string>;
    overdueLabel?: string;
  },
): string[] {
  const lines: string[] = [];
  if (query.q) lines.push(`Tìm theo tên: ${query.q}`);
  if (query.states.length > 0) lines.push(`Trạng thái: ${query.states.map((state) => names.stateLabels?.[state] ?? state).join(", ")}`);
  if (query.unitId) lines.push(`Đơn vị: ${names.units?.find((unit) => unit.id === query.unitId)?.name ?? "(không xác định)"}`);
  if (query.movementId) {
    const movement = names.movements?.find((m) => m.id === query.movementId);
    lines.push(`Phong trào: ${movement ? `${movement.title} (${movement.year})` : "(không xác định)"}`);
  }
  if (query.year !== null) lines.push(`Năm: ${query.year}`);
  if (query.overdue) lines.push(names.overdueLabel ?? "Chỉ những hồ sơ quá hạn xử lý (ngày làm việc)");
  if (query.subjectKinds.length > 0) {
    lines.push(`Đối tượng: ${query.subjectKinds.map((kind) => names.subjectKindLabels?.[kind] ?? kind).join(", ")}`);
  }
  if (query.targetId) {
    const target = names.targets?.find((t) => t.id === query.targetId)?.label ?? "(không xác định)";
    const status = query.targetStatus ? ` — ${names.targetStatusLabels?.[query.targetStatus] ?? query.targetStatus}` : "";
    lines.push(`Chỉ tiêu: ${target}${status}`);
  }
  if (lines.length === 0) lines.push("Bộ lọc: tất cả");
  const sort = names.sortLabels?.[query.sort];
  if (sort) lines.push(`Sắp xếp: ${sort}`);
  return lines;
}
