// Values that live for one HTTP request: the root loader and the route's loader both ask who is
// signed in, and should not both go to the database (bench/RESULTS.md, finding 3).
import { AsyncLocalStorage } from "node:async_hooks";

type Scope = Map<string, unknown>;

// Shared by the server entry and the Remix build, which each have their own copy of this module.
const key = Symbol.for("thi-dua-khen-thuong.request-scope");
const storage: AsyncLocalStorage<Scope> = ((globalThis as Record<symbol, unknown>)[key] ??=
  new AsyncLocalStorage<Scope>()) as AsyncLocalStorage<Scope>;

/** Runs `fn` (the handling of one request) with a fresh scope. */
export function withRequestScope<T>(fn: () => T): T {
  return storage.run(new Map(), fn);
}

/** `compute()` once per request and `name`; outside a request (jobs, tests) every call computes. */
export function oncePerRequest<T>(name: string, compute: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return compute();
  if (!scope.has(name)) scope.set(name, compute());
  return scope.get(name) as Promise<T>;
}
