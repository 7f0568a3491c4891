import { IDEMPOTENCY_FIELD } from "~/forms/idempotency.ts";

/** The create form's one-time key, from its loader: posted twice, the form still makes one record. */
export function IdempotencyField({ value }: { value: string }) {
  return <input type="hidden" name={IDEMPOTENCY_FIELD} value={value} />;
}
