// Waiting one's turn instead of failing: a first-come, first-served gate with a bounded queue.
// Used twice (docs/decisions/018-pool-and-admission.md): in front of the database's transactions
// (db.server.ts: as many at once as the pool can serve, the others queue, no timeout) and in front of
// the app's requests (admission-middleware.server.ts: a bounded queue, then a 503 with Retry-After).

export type AdmissionPolicy = {
  /** How many may run at once. */
  concurrency: number;
  /** How many may wait for a turn; one more is refused at once. */
  queueLimit: number;
  /** How long one may wait for a turn before it is refused (Infinity: as long as it takes). */
  maxWaitMs: number;
};

/** Given back when admitted: call it once when done (further calls do nothing). */
export type Release = () => void;

type Waiter = { admit: (release: Release | null) => void; timer?: ReturnType<typeof setTimeout> };

export class Admission {
  #active = 0;
  readonly #queue: Waiter[] = [];

  constructor(readonly policy: AdmissionPolicy) {
    if (!(policy.concurrency >= 1)) throw new RangeError("concurrency must be at least 1");
  }

  /** Running now. */
  get active(): number {
    return this.#active;
  }

  /** Waiting for a turn. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** A release when admitted (at once or in turn), or null when refused: the queue is full or the wait too long. */
  enter(): Promise<Release | null> {
    if (this.#active < this.policy.concurrency) {
      this.#active++;
      return Promise.resolve(this.#release());
    }
    if (this.#queue.length >= this.policy.queueLimit) return Promise.resolve(null);
    return new Promise((admit) => {
      const waiter: Waiter = { admit };
      if (Number.isFinite(this.policy.maxWaitMs)) {
        waiter.timer = setTimeout(() => {
          const index = this.#queue.indexOf(waiter);
          if (index >= 0) this.#queue.splice(index, 1);
          admit(null);
        }, this.policy.maxWaitMs);
        waiter.timer.unref?.();
      }
      this.#queue.push(waiter);
    });
  }

  /** Runs `fn` in its turn; a refusal throws `AdmissionRefused`. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.enter();
    if (!release) throw new AdmissionRefused();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  #release(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The turn passes straight to the first in the queue: nobody can overtake it in between.
      const next = this.#queue.shift();
      if (next) {
        if (next.timer) clearTimeout(next.timer);
        next.admit(this.#release());
      } else {
        this.#active--;
      }
    };
  }
}

export class AdmissionRefused extends Error {
  constructor() {
    super("Hệ thống đang quá tải.");
    this.name = "AdmissionRefused";
  }
}

/**
 * How many transactions one process runs at once on a pool of `poolSize` connections: on PostgreSQL all but two,
 * so that plain reads (page loads) still find a connection while transactions wait on a row lock; PGlite is one
 * connection, so one at a time.
 */
export function transactionConcurrency(kind: "pglite" | "postgres", poolSize: number): number {
  if (kind === "pglite") return 1;
  return poolSize >= 4 ? poolSize - 2 : poolSize;
}
