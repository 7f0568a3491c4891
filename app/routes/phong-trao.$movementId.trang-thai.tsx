// Launch, close and finish a movement: the buttons of the movement page post here. The page itself
// shows what the secretary may do next and, when the machine refuses, why.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { MOVEMENT_EVENT_LABELS, allowedMovementEvents } from "#machines/index.ts";
import { actorFor } from "~/models/dossier.server.ts";
import { getMovementForEdit, movementSnapshot, sendMovementEvent } from "~/models/movement.server.ts";
import { requireMovementSecretary } from "~/utils/permissions.server.ts";
import { formatDate } from "~/utils/format.ts";
import { invariantResponse } from "~/utils/http.ts";
import { MOVEMENT_STATE_LABELS } from "~/utils/labels.ts";

export const meta: MetaFunction = () => [{ title: "Trạng thái phong trào · Thi đua – Khen thưởng" }];

const NOT_FOUND = "Không tìm thấy phong trào thi đua.";

export const MovementEventSchema = z.object({
  event: z.enum(["LAUNCH", "CLOSE", "FINISH"], { error: "Thao tác không hợp lệ; vui lòng tải lại trang." }),
});

const EVENT_HINTS = {
  LAUNCH: "Các đơn vị bắt đầu lập và nộp hồ sơ. Sau khi phát động, chỉ tiêu và số lượng khen thưởng được giữ nguyên.",
  CLOSE: "Không nhận hồ sơ mới; các hồ sơ đã nộp tiếp tục được thẩm định và xét.",
  FINISH: "Kết thúc phong trào sau khi đã xét và khen thưởng.",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const movementId = params.movementId!;
  const { user, unitId } = await requireMovementSecretary(request, movementId);
  const movement = await getMovementForEdit(movementId, unitId);
  invariantResponse(movement, NOT_FOUND, { status: 404 });
  const events = allowedMovementEvents(movementSnapshot(movement), await actorFor(user));
  return {
    id: movement.id,
    title: movement.title,
    version: movement.version,
    state: MOVEMENT_STATE_LABELS[movement.state],
    deadline: formatDate(movement.submissionDeadline),
    events: events.map((type) => ({ type, label: MOVEMENT_EVENT_LABELS[type], hint: EVENT_HINTS[type] })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const movementId = params.movementId!;
  const { user, unitId } = await requireMovementSecretary(request, movementId);
  const parsed = MovementEventSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ message: parsed.error.issues[0]!.message }, { status: 400 });
  const result = await sendMovementEvent({ movementId, unitId, actor: await actorFor(user), command: parsed.data.event });
  if (!result.ok) return data({ message: result.message }, { status: result.status });
  return redirect(`/phong-trao/${movementId}`);
}

export default function MovementState() {
  const movement = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <p className="muted">
        <Link to={`/phong-trao/${movement.id}`}>{movement.title}</Link> ›
      </p>
      <h1>Trạng thái phong trào</h1>
      <p>
        Phiên bản {movement.version} · <strong>{movement.state}</strong> · Hạn nộp hồ sơ {movement.deadline}
      </p>
      {actionData?.message ? (
        <p className="form-error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      {movement.events.length === 0 ? <p className="muted">Không có thao tác nào khác cho phong trào ở trạng thái này.</p> : null}
      {movement.events.map((event) => (
        <Form key={event.type} method="post" className="card">
          <input type="hidden" name="event" value={event.type} />
          <p>{event.hint}</p>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {event.label}
          </button>
        </Form>
      ))}
    </>
  );
}
