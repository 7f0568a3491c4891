// The commune's register of people (cán bộ, công chức, người hoạt động không chuyên trách, người lao động, hộ gia
// đình): searched without tone marks, filtered by unit and kind, all in the URL (works without JavaScript).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/ui/pagination.tsx";
import { PERSON_KINDS } from "~/forms/admin.ts";
import type { PersonKind } from "~/generated/prisma/enums.ts";
import { PEOPLE_PAGE_SIZE, editableUnits, listPeople } from "~/models/people.server.ts";
import { requireRole } from "~/utils/auth.server.ts";
import { pageFrom } from "~/utils/http.ts";
import { PERSON_KIND_LABELS, capitalize } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Cá nhân, hộ gia đình · Thi đua – Khen thưởng" }];

const ALL_ROLES = ["official", "secretary", "council_member", "chairman", "vice_chairman", "admin"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, [...ALL_ROLES]);
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() ?? "";
  const unitId = url.searchParams.get("don-vi") || null;
  const kindParam = url.searchParams.get("loai");
  const kind = PERSON_KINDS.includes(kindParam as PersonKind) ? (kindParam as PersonKind) : null;
  const includeLeft = url.searchParams.get("ca-nguoi-da-nghi") === "1";
  const page = pageFrom(request);
  const [{ total, rows }, units] = await Promise.all([listPeople(user, { q, unitId, kind, page, includeLeft }), editableUnits(user)]);
  return {
    q,
    unitId,
    kind,
    includeLeft,
    page,
    pages: Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE)),
    total,
    canAdd: units.length > 0,
    people: rows.map((p) => ({
      id: p.id,
      fullName: p.fullName,
      kind: capitalize(PERSON_KIND_LABELS[p.kind]),
      position: p.position,
      unit: p.unit.name,
      left: Boolean(p.leftAt),
      account: p.user ? `${p.user.username}${p.user.active ? "" : " (đã khóa)"}` : null,
    })),
  };
}

export default function PeoplePage() {
  const { q, unitId, kind, includeLeft, page, pages, total, canAdd, people } = useLoaderData<typeof loader>();
  const href = (n: number) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (unitId) params.set("don-vi", unitId);
    if (kind) params.set("loai", kind);
    if (includeLeft) params.set("ca-nguoi-da-nghi", "1");
    params.set("trang", String(n));
    return `?${params}`;
  };
  return (
    <>
      <div className="page-head">
        <h1>Cá nhân, hộ gia đình</h1>
        {canAdd ? (
          <Link to="/ca-nhan/moi" className="button">
            Thêm người
          </Link>
        ) : null}
      </div>
      <p className="muted">Danh sách người có thể được đề nghị khen thưởng; tập thể là các đơn vị (bộ phận, ấp, khu phố).</p>
      <Form method="get" className="search-form" role="search">
        {unitId ? <input type="hidden" name="don-vi" value={unitId} /> : null}
        <div>
          <label htmlFor="q">Họ tên (gõ không dấu cũng được)</label>
          <input id="q" name="q" type="text" defaultValue={q} />
        </div>
        <div>
          <label htmlFor="loai">Loại</label>
          <select id="loai" name="loai" defaultValue={kind ?? ""}>
            <option value="">Tất cả</option>
            {PERSON_KINDS.map((k) => (
              <option key={k} value={k}>
                {capitalize(PERSON_KIND_LABELS[k])}
              </option>
            ))}
          </select>
        </div>
        <label style={{ fontWeight: "normal" }}>
          <input type="checkbox" name="ca-nguoi-da-nghi" value="1" defaultChecked={includeLeft} /> Cả người đã thôi công tác
        </label>
        <button type="submit" className="secondary">
          Tìm
        </button>
      </Form>
      {people.length === 0 ? (
        <p className="muted">Không có ai phù hợp.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Họ và tên</th>
              <th>Loại</th>
              <th>Chức vụ</th>
              <th>Đơn vị</th>
              <th>Tài khoản</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/ca-nhan/${p.id}`} className={p.left ? "ended" : undefined}>
                    {p.fullName}
                  </Link>
                </td>
                <td>{p.kind}</td>
                <td>{p.position}</td>
                <td>{p.unit}</td>
                <td>{p.account ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pages={pages} href={href} summary={`${total} người`} />
    </>
  );
}
