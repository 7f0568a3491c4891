import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { MovementForm } from "~/components/movement-form.tsx";
import { MovementSchema } from "~/forms/movement.ts";
import { getMovementForEdit, isFrozen, movementFormDefaults, updateMovement } from "~/models/movement.server.ts";
import { requireMovementSecretary } from "~/utils/permissions.server.ts";
import { invariantResponse } from "~/utils/http.ts";
import { MOVEMENT_STATE_LABELS } from "~/utils/labels.ts";
import { revalidateAfterStaleSave } from "~/components/revision-field.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Sửa phong trào ${data?.movement.title ?? ""} · Thi đua – Khen thưởng` },
];
export const shouldRevalidate = revalidateAfterStaleSave;

const NOT_FOUND = "Không tìm thấy phong trào thi đua.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const movementId = params.movementId!;
  const { unitId } = await requireMovementSecretary(request, movementId);
  const movement = await getMovementForEdit(movementId, unitId);
  invariantResponse(movement, NOT_FOUND, { status: 404 });
  return {
    movement: {
      id: movement.id,
      title: movement.title,
      unitName: movement.unit.name,
      version: movement.version,
      state: MOVEMENT_STATE_LABELS[movement.state],
      frozen: isFrozen(movement.state),
      finished: movement.state === "finished",
      nextVersion: movement.nextVersion,
    },
    defaultValue: movementFormDefaults(movement),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const movementId = params.movementId!;
  const { user, unitId } = await requireMovementSecretary(request, movementId);
  const submission = parseWithZod(await request.formData(), { schema: MovementSchema });
  // Adding or removing a row without JavaScript comes back here too: it is not an error.
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });

  const result = await updateMovement(user, { movementId, unitId, value: submission.value });
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  return redirect(`/phong-trao/${movementId}`);
}

export default function EditMovement() {
  const { movement, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to="/phong-trao">Phong trào thi đua</Link> › <Link to={`/phong-trao/${movement.id}`}>{movement.title}</Link> ›
      </p>
      <h1>Sửa phong trào</h1>
      <p className="muted">
        {movement.unitName} · Phiên bản {movement.version} · {movement.state}
      </p>
      {movement.finished ? (
        <p className="notice">Phong trào đã tổng kết; không thể sửa.</p>
      ) : (
        <MovementForm
          key={movement.id}
          id={`movement-${movement.id}`}
          lastResult={lastResult}
          defaultValue={defaultValue}
          frozen={movement.frozen}
          submitLabel="Lưu thay đổi"
          frozenNotice={
            movement.nextVersion ? (
              <p>
                Đã có <Link to={`/phong-trao/${movement.nextVersion.id}/sua`}>phiên bản {movement.nextVersion.version}</Link> của phong trào
                này.
              </p>
            ) : (
              <p>
                {/* A separate form: its button must not submit the fields of the edit form. */}
                <button type="submit" form="new-version" className="secondary">
                  Tạo phiên bản mới
                </button>
              </p>
            )
          }
        />
      )}
      <Form method="post" action={`/phong-trao/${movement.id}/phien-ban-moi`} id="new-version" />
    </>
  );
}
