import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Statechart, statechartLayout, type StatechartEdge, type StatechartLayout } from "~/components/statechart.tsx";
import { requireUser } from "~/utils/auth.server.ts";
import { ROLE_LABELS, capitalize, joinOr, whoMayAct, type Role } from "#machines/domain.ts";
import { DOSSIER_STATES, dossierMachine, type RoleRule } from "#machines/dossier.ts";

export const meta: MetaFunction = () => [{ title: "Quy trình xét khen thưởng · Thi đua – Khen thưởng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  // ?trang-thai=<state> highlights a state (links from a dossier); anything else is ignored.
  const param = new URL(request.url).searchParams.get("trang-thai");
  const current = DOSSIER_STATES.find((state) => state === param) ?? null;
  return { current };
}

// Pure and deterministic: the same on the server and in the browser, and read from the machine itself.
const layout = statechartLayout(dossierMachine);
const stateLabel = new Map(layout.nodes.map((node) => [node.id, node.label]));

const UNIT_PHRASES: Record<RoleRule["of"], string> = {
  unit: "đơn vị trình khen",
  movementUnit: "đơn vị tổ chức phong trào",
};

function isRoleRule(params: unknown): params is RoleRule {
  if (typeof params !== "object" || params === null) return false;
  const { roles, of } = params as { roles?: unknown; of?: unknown };
  return (
    Array.isArray(roles) &&
    roles.length > 0 &&
    roles.every((role) => typeof role === "string" && Object.hasOwn(ROLE_LABELS, role)) &&
    typeof of === "string" &&
    Object.hasOwn(UNIT_PHRASES, of)
  );
}

/** Who may send the event, from the params of its `hasRole` guard; null when the definition does not say it that way. */
function performers(edge: StatechartEdge): { roles: string; unit: string } | null {
  const rules = edge.guards.filter((guard) => guard.type === "hasRole").map((guard) => guard.params);
  if (rules.length !== 1 || !isRoleRule(rules[0])) return null;
  return { roles: capitalize(whoMayAct(rules[0].roles as Role[])), unit: UNIT_PHRASES[rules[0].of] };
}

const rows = layout.edges.map((edge) => ({ ...edge, performers: performers(edge) }));
// Rather no column than a column that guesses for some rows.
const showPerformers = rows.every((row) => row.performers !== null);

function quoted(id: string): string {
  return `«${stateLabel.get(id) ?? id}»`;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} và ${items[items.length - 1]}`;
}

/** The introduction, generated from the machine like the diagram. */
function introduction({ nodes, edges, initial, mainPath }: StatechartLayout): string {
  const finals = nodes.filter((node) => node.final).map((node) => quoted(node.id));
  const branches = new Map<string, StatechartEdge[]>();
  for (const edge of edges) {
    const key = `${edge.from} ${edge.event}`;
    branches.set(key, [...(branches.get(key) ?? []), edge]);
  }
  const branching = [...branches.values()].flatMap(([first, ...others]) =>
    first && others.length > 0
      ? [
          `Từ ${quoted(first.from)}, thao tác «${first.label}» dẫn tới ${joinOr([first, ...others].map((edge) => quoted(edge.to)))} tùy điều kiện của thao tác.`,
        ]
      : [],
  );
  return [
    `Hồ sơ đề nghị khen thưởng có ${nodes.length} trạng thái, nối với nhau bằng ${edges.length} bước chuyển.`,
    `Hồ sơ mới lập ở trạng thái ${quoted(initial)}; theo đường chính, hồ sơ đi qua ${mainPath.map(quoted).join(" → ")}.`,
    finals.length > 0 ? `Quy trình dừng ở một trong ${finals.length} trạng thái kết thúc: ${joinAnd(finals)}.` : "",
    ...branching,
  ]
    .filter(Boolean)
    .join(" ");
}

const intro = introduction(layout);

export default function WorkflowPage() {
  const { current } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Quy trình xét khen thưởng</h1>
      <p className="lead">{intro}</p>
      <p className="muted">
        Sơ đồ và bảng dưới đây được dựng trực tiếp từ định nghĩa quy trình mà phần mềm dùng để xử lý hồ sơ, nên luôn khớp với cách hệ thống
        vận hành.
      </p>

      <Statechart machine={dossierMachine} current={current} title="Sơ đồ quy trình xét hồ sơ đề nghị khen thưởng" />
      <p className="muted">
        Chấm tròn đen chỉ trạng thái bắt đầu; khung viền kép là trạng thái kết thúc; mỗi mũi tên là một thao tác.
        {current ? (
          <>
            {" "}
            Ô nền vàng là trạng thái {quoted(current)}. <Link to="/quy-trinh">Bỏ tô đậm</Link>
          </>
        ) : null}
      </p>

      <h2 id="buoc-chuyen">Các bước chuyển trạng thái</h2>
      <table aria-labelledby="buoc-chuyen">
        <thead>
          <tr>
            <th scope="col">Từ trạng thái</th>
            <th scope="col">Thao tác</th>
            <th scope="col">Sang trạng thái</th>
            {showPerformers ? <th scope="col">Người thực hiện</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.from}-${row.event}-${row.to}`}>
              <td>{stateLabel.get(row.from)}</td>
              <td>{row.label}</td>
              <td>{stateLabel.get(row.to)}</td>
              {showPerformers && row.performers ? (
                <td>
                  {row.performers.roles} <span className="muted">({row.performers.unit})</span>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
