// The admission policy (docs/decisions/018-pool-and-admission.md): turns first come, first served, a bounded
// queue, a refusal rather than an endless wait; and the 503 a saturated server answers. No timing: the clock is fake.
import express from "express";
import { afterEach, describe, expect, test, vi } from "vitest";
import { Admission, AdmissionRefused, transactionConcurrency, type Release } from "~/utils/admission.server.ts";
import { admissionMiddleware, OVERLOAD_MESSAGE, requestPolicy } from "~/utils/admission-middleware.server.ts";

afterEach(() => {
  vi.useRealTimers();
});

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the admission gate", () => {
  test("admits up to its concurrency at once, queues the rest, and refuses beyond the queue", async () => {
    const gate = new Admission({ concurrency: 2, queueLimit: 2, maxWaitMs: Infinity });
    const first = await gate.enter();
    const second = await gate.enter();
    expect(first).toBeTypeOf("function");
    expect(second).toBeTypeOf("function");

    const order: string[] = [];
    const third = gate.enter().then((release) => (order.push("third"), release));
    const fourth = gate.enter().then((release) => (order.push("fourth"), release));
    expect(await gate.enter()).toBeNull(); // the queue is full
    expect([gate.active, gate.waiting]).toEqual([2, 2]);

    first!();
    await settle();
    expect(order).toEqual(["third"]);
    first!(); // a second release of the same turn changes nothing
    await settle();
    expect(order).toEqual(["third"]);
    expect([gate.active, gate.waiting]).toEqual([2, 1]);

    second!();
    expect(order).toEqual(["third"]);
    await settle();
    expect(order).toEqual(["third", "fourth"]);
    (await third)!();
    (await fourth)!();
    expect([gate.active, gate.waiting]).toEqual([0, 0]);
  });

  test("a newcomer does not overtake the queue when a turn is released", async () => {
    const gate = new Admission({ concurrency: 1, queueLimit: 10, maxWaitMs: Infinity });
    const holder = (await gate.enter())!;
    const waiting = gate.enter();
    holder();
    const newcomer = gate.enter();
    const admitted = (await waiting)!;
    expect(admitted).toBeTypeOf("function");
    expect(gate.waiting).toBe(1); // the newcomer waits behind
    admitted();
    expect(await newcomer).toBeTypeOf("function");
  });

  test("one that waited longer than the limit is refused and leaves the queue", async () => {
    vi.useFakeTimers();
    const gate = new Admission({ concurrency: 1, queueLimit: 10, maxWaitMs: 10_000 });
    const holder = (await gate.enter())!;
    const waiting = gate.enter();
    vi.advanceTimersByTime(9_999);
    expect(gate.waiting).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await waiting).toBeNull();
    expect(gate.waiting).toBe(0);
    holder();
    expect(gate.active).toBe(0);
  });

  test("run: the turn is given back whether the work succeeds or fails; a refusal throws", async () => {
    const gate = new Admission({ concurrency: 1, queueLimit: 0, maxWaitMs: Infinity });
    await expect(gate.run(() => Promise.reject(new Error("hỏng")))).rejects.toThrow("hỏng");
    expect(gate.active).toBe(0);
    let release: Release | undefined;
    const running = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(gate.run(async () => "không đến lượt")).rejects.toBeInstanceOf(AdmissionRefused);
    release!();
    await running;
    expect(await gate.run(async () => "đến lượt")).toBe("đến lượt");
  });

  test("transactions: PGlite one at a time; PostgreSQL keeps two connections of the pool for reads", () => {
    expect(transactionConcurrency("pglite", 10)).toBe(1);
    expect(transactionConcurrency("postgres", 10)).toBe(8);
    expect(transactionConcurrency("postgres", 3)).toBe(3);
  });
});

describe("a saturated server", () => {
  test("answers 503 with Retry-After and a Vietnamese message when its queue is full, and serves the rest", async () => {
    const app = express();
    const policy = { concurrency: 1, queueLimit: 1, maxWaitMs: Infinity, retryAfterSeconds: 5 };
    const admission = new Admission(policy);
    app.use(admissionMiddleware(policy, admission));
    let finish: (() => void) | undefined;
    const started = new Promise<void>((resolve) => {
      app.get("/slow", (_req, res) => {
        finish = () => res.send("xong");
        resolve();
      });
    });
    app.get("/fast", (_req, res) => res.send("nhanh"));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const slow = fetch(`${base}/slow`);
      await started;
      const queued = fetch(`${base}/fast`);
      while (admission.waiting < 1) await new Promise((resolve) => setTimeout(resolve, 10));
      const refused = await fetch(`${base}/fast`, { headers: { Accept: "text/html" } });
      expect(refused.status).toBe(503);
      expect(refused.headers.get("Retry-After")).toBe("5");
      expect(await refused.text()).toContain(OVERLOAD_MESSAGE);
      finish!();
      expect(await (await slow).text()).toBe("xong");
      expect(await (await queued).text()).toBe("nhanh");
    } finally {
      server.close();
    }
  });

  test("the server's policy follows its pool", () => {
    expect(requestPolicy(10)).toMatchObject({ concurrency: 20, queueLimit: 200, retryAfterSeconds: 5 });
  });
});
