// "Tạo phiên bản mới": a launched movement's targets and quota change only through a new version
// (docs/decisions/004-movement-versions.md). The page explains it; its form creates the draft copy.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createMovementVersion, getMovementForEdit } from "~/models/movement.server.ts";
import { requireMovementSecretary } from "~/utils/permissions.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { MOVEMENT_STATE_LABELS } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Tạo phiên bản mới của phong trào · Thi đua – Khen thưởng" }];

const NOT_FOUND = "Không tìm thấy phong trào thi đua.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const movementId = params.movementId!;
  const { unitId } = await requireMovementSecretary(request, movementId);
  const movement = await getMovementForEdit(movementId, unitId);
  invariantResponse(movement, NOT_FOUND, { status: 404 });
  return {
    id: movement.id,
    title: movement.title,
    version: movement.version,
    state: MOVEMENT_STATE_LABELS[movement.state],
    launched: movement.state === "open" || movement.state === "closed",
    nextVersion: movement.nextVersion,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const movementId = params.movementId!;
  const { user, unitId } = await requireMovementSecretary(request, movementId);
  const result = await createMovementVersion({ movementId, unitId, user });
  if (!result.ok) return data({ message: result.message }, { status: result.status });
  return redirect(`/phong-trao/${result.movementId}/sua`);
}

export default function NewMovementVersion() {
  const movement = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <p className="muted">
        <Link to={`/phong-trao/${movement.id}`}>{movement.title}</Link> ›
      </p>
      <h1>Tạo phiên bản mới của phong trào</h1>
      <p>
        Phiên bản {movement.version} · {movement.state}
      </p>
      {actionData?.message ? (
        <p className="form-error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <div className="card">
        <p>
          Chỉ tiêu, đối tượng và số lượng khen thưởng của phong trào đã phát động được giữ nguyên. Phiên bản mới là bản sao ở trạng thái
          nháp để sửa các nội dung đó; khi phát động phiên bản mới, phiên bản {movement.version} thôi nhận hồ sơ mới. Hồ sơ đã nộp vẫn được
          xét theo chỉ tiêu của phiên bản {movement.version}.
        </p>
        {movement.nextVersion ? (
          <p>
            Đã có <Link to={`/phong-trao/${movement.nextVersion.id}/sua`}>phiên bản {movement.nextVersion.version}</Link>.
          </p>
        ) : movement.launched ? (
          <Form method="post">
            <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
              Tạo phiên bản {movement.version + 1}
            </button>
          </Form>
        ) : (
          <p className="muted">Chỉ phong trào đang phát động hoặc đã kết thúc nhận hồ sơ mới cần phiên bản mới.</p>
        )}
      </div>
    </>
  );
}
