// The hidden field of a create form that makes a second identical POST land on the first one's result
// (app/utils/idempotency.server.ts). Shared: the form draws it, the action reads it.
export const IDEMPOTENCY_FIELD = "idempotencyKey";
