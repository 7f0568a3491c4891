// How a route answers with a model's Result (app/utils/result.ts): one shape, one status, every route.
import { data } from "@remix-run/node";
import type { ActionMessage, Refused, RefusalStatus } from "./result.ts";

/** The refused form's message, with its status; `target` says which form on the page it belongs to. */
export function refused(target: string | null, refusal: Pick<Refused, "message"> & { status: RefusalStatus }) {
  return data<ActionMessage>({ ok: false, target, message: refusal.message }, { status: refusal.status });
}

/** A refusal whose status is 404 means "not yours or not there": the page's 404, not a message beside a form. */
export function throwIfNotFound(refusal: Refused): void {
  if (refusal.status === 404) {
    throw new Response(refusal.message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
