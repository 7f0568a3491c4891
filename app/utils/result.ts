// One way to refuse, for the whole app. A model returns a Result: what it did, or why it did nothing,
// in Vietnamese, with the HTTP status a route answers with. Inside a transaction a model throws a
// Refusal (which rolls the transaction back) and `attempt` turns it into the Result outside.
// Pure: no imports, so models, jobs, routes and tests all share it.

export type RefusalStatus = 400 | 403 | 404 | 409 | 422;

/** Why nothing was done: the message is shown to the user as is; `field` names the form field it is about. */
export type Refused = { ok: false; status: RefusalStatus; message: string; field?: string };

export type Result<T extends object = object> = ({ ok: true } & T) | Refused;

export function refuse(status: RefusalStatus, message: string, field?: string): Refused {
  return field === undefined ? { ok: false, status, message } : { ok: false, status, message, field };
}

/** Thrown inside a transaction to roll it back with a message for the user. */
export class Refusal extends Error {
  constructor(
    readonly status: RefusalStatus,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  get result(): Refused {
    return refuse(this.status, this.message, this.field);
  }
}

/** Runs `work` (usually a transaction); a Refusal thrown inside becomes the Refused result. */
export async function attempt<T extends object>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    throw error;
  }
}

/**
 * What an action answers when a form was refused: one shape for every route. `target` says which form
 * on the page it is about (a dossier's id, a movement's id, an intent), so the message shows beside it.
 */
export type ActionMessage = { ok: false; target: string | null; message: string };
