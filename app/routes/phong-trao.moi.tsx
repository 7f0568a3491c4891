import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { MovementForm } from "~/components/movement-form.tsx";
import { MovementSchema } from "~/forms/movement.ts";
import { createMovement, newMovementDefaults } from "~/models/movement.server.ts";
import { forbidden, requireRole, type CurrentUser } from "~/utils/auth.server.ts";
import { createOnce, newIdempotencyKey } from "~/utils/idempotency.server.ts";

export const meta: MetaFunction = () => [{ title: "Phát động phong trào mới · Thi đua – Khen thưởng" }];

/** The communes whose movements the user runs: the units where they are the secretary. */
function secretaryUnits(user: CurrentUser) {
  const units = new Map(user.grants.filter((grant) => grant.role === "secretary").map((grant) => [grant.unitId, grant.unitName]));
  return [...units].map(([id, name]) => ({ id, name }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "secretary");
  const units = secretaryUnits(user);
  return { idempotencyKey: newIdempotencyKey(), units, defaultValue: { ...newMovementDefaults(), unitId: units[0]!.id } };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "secretary");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: MovementSchema });
  // Adding or removing a row without JavaScript comes back here too: it is not an error.
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });

  const unitId = submission.value.unitId ?? secretaryUnits(user)[0]!.id;
  // A movement belongs to a commune the user is the secretary of, not to a unit below it.
  if (!secretaryUnits(user).some((unit) => unit.id === unitId)) throw forbidden();
  await requireRole(request, "secretary", unitId);

  const result = await createOnce(
    formData,
    user.id,
    () => createMovement(user, unitId, submission.value),
    (created) => (created.ok ? `/phong-trao/${created.movementId}` : null),
  );
  if (result instanceof Response) return result;
  if (!result.ok) return data(submission.reply({ formErrors: [result.message] }), { status: result.status });
  return redirect(`/phong-trao/${result.movementId}`);
}

export default function NewMovement() {
  const { units, defaultValue, idempotencyKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to="/phong-trao">Phong trào thi đua</Link> ›
      </p>
      <h1>Phát động phong trào mới</h1>
      <p className="muted">Phong trào được lưu ở trạng thái nháp; kiểm tra lại rồi bấm «Phát động» trên trang phong trào.</p>
      <MovementForm
        id="movement-new"
        lastResult={lastResult}
        defaultValue={defaultValue}
        frozen={false}
        units={units}
        submitLabel="Lưu phong trào (nháp)"
        idempotencyKey={idempotencyKey}
      />
    </>
  );
}
