import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MovementTable } from "~/components/movement-table.tsx";
import { listVisibleMovements, movementListRow } from "~/models/movement.server.ts";
import { workloadOf } from "~/models/workload.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { ROLE_LABELS, capitalize } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Trang chủ · Thi đua – Khen thưởng" }];

type Tile = { label: string; value: number; hint?: string; to: string };
type Section = { title: string; tiles: Tile[]; action?: { to: string; label: string } };

/** The dossier list filtered to `states` (the parameter names of the lists, app/utils/list-query.ts). */
const dossiersIn = (...states: string[]) => `/ho-so?${new URLSearchParams(states.map((state) => ["trang-thai", state]))}`;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const work = await workloadOf(user);
  const sections: Section[] = [];
  if (work.official) {
    const counts = work.official;
    sections.push({
      title: "Hồ sơ của đơn vị",
      action: { to: "/ho-so/moi", label: "Lập hồ sơ mới" },
      tiles: [
        { label: "Đang soạn (nháp)", value: counts.draft ?? 0, to: dossiersIn("draft") },
        {
          label: "Cần bổ sung",
          value: counts.needs_supplement ?? 0,
          hint: "Văn phòng đã trả lại, cần bổ sung và nộp lại",
          to: dossiersIn("needs_supplement"),
        },
        {
          label: "Đã nộp, đang xét",
          value: (counts.submitted ?? 0) + (counts.screened ?? 0) + (counts.in_council_vote ?? 0) + (counts.council_passed ?? 0),
          to: dossiersIn("submitted", "screened", "in_council_vote", "council_passed"),
        },
        { label: "Được khen thưởng", value: (counts.approved ?? 0) + (counts.awarded ?? 0), to: dossiersIn("approved", "awarded") },
      ],
    });
  }
  if (work.secretary) {
    const { counts, overdue } = work.secretary;
    sections.push({
      title: "Thường trực Hội đồng",
      tiles: [
        { label: "Hồ sơ chờ thẩm định", value: counts.submitted ?? 0, to: "/tham-dinh" },
        { label: "Đã thẩm định, chờ đưa ra Hội đồng", value: counts.screened ?? 0, to: "/bo-phieu/moi" },
        { label: "Quá hạn xử lý", value: overdue, hint: "Tính theo ngày làm việc", to: "/qua-han" },
      ],
    });
  }
  if (work.council) {
    sections.push({
      title: "Hội đồng Thi đua – Khen thưởng",
      tiles: [{ label: "Hồ sơ đang bỏ phiếu", value: work.council.inVote, to: "/bo-phieu" }],
    });
  }
  if (work.signer) {
    sections.push({
      title: "Lãnh đạo UBND xã",
      tiles: [
        { label: "Hồ sơ chờ phê duyệt", value: work.signer.council_passed ?? 0, hint: "Hội đồng đã thông qua", to: "/phe-duyet" },
        { label: "Đã phê duyệt, chờ cấp Giấy khen", value: work.signer.approved ?? 0, to: dossiersIn("approved") },
      ],
    });
  }
  if (work.admin) {
    sections.push({
      title: "Quản trị hệ thống",
      action: { to: "/quan-tri", label: "Vào trang quản trị" },
      tiles: [
        { label: "Đơn vị đang hoạt động", value: work.admin.units, to: "/quan-tri/don-vi" },
        { label: "Tài khoản đang hoạt động", value: work.admin.users, to: "/quan-tri/nguoi-dung?trang-thai=dang-hoat-dong" },
        { label: "Cá nhân, hộ gia đình", value: work.admin.people, to: "/ca-nhan" },
      ],
    });
  }

  const movements = await listVisibleMovements(user);
  return {
    fullName: user.fullName,
    roles: [...new Set(user.grants.map((grant) => capitalize(ROLE_LABELS[grant.role])))],
    units: [...new Map(user.grants.map((grant) => [grant.unitId, { id: grant.unitId, name: grant.unitName }])).values()],
    sections,
    movements: movements.map(movementListRow),
  };
}

export default function Home() {
  const { fullName, roles, units, sections, movements } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Xin chào, {fullName}</h1>
      <p className="muted">
        Vai trò: {roles.join(" · ")} — Đơn vị:{" "}
        {units.map((unit, index) => (
          <span key={unit.id}>
            {index > 0 ? ", " : null}
            <Link to={`/don-vi/${unit.id}`}>{unit.name}</Link>
          </span>
        ))}
      </p>

      {sections.map((section) => (
        <section key={section.title} className="card" aria-labelledby={`section-${section.title}`}>
          <div className="page-head">
            <h2 id={`section-${section.title}`}>{section.title}</h2>
            {section.action ? (
              <Link to={section.action.to} className="button">
                {section.action.label}
              </Link>
            ) : null}
          </div>
          <div className="grid">
            {section.tiles.map((tile) => (
              <div key={tile.label}>
                <Link to={tile.to} className="stat-link">
                  <div className="stat">{tile.value}</div>
                  <div>{tile.label}</div>
                </Link>
                {tile.hint ? <div className="muted">{tile.hint}</div> : null}
              </div>
            ))}
          </div>
        </section>
      ))}

      <h2>Phong trào thi đua</h2>
      {movements.length === 0 ? (
        <p className="muted">Chưa có phong trào thi đua nào trong phạm vi đơn vị của bạn.</p>
      ) : (
        <MovementTable movements={movements} />
      )}
    </>
  );
}
