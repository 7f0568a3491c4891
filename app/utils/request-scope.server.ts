// Values that live for one HTTP request: the root loader and the route's loader both ask who is
// signed in, and should not both go to the database (bench/RESULTS.md, finding 3).
import { AsyncLocalStorage } from "node:async_hooks";

type Scope = Map<string | symbol, unknown>;

// Shared by the server entry and the Remix build, which each have their own copy of this module.
const key = Symbol.for("thi-dua-khen-thuong.request-scope");
const storage: AsyncLocalStorage<Scope> = ((globalThis as Record<symbol, unknown>)[key] ??=
  new AsyncLocalStorage<Scope>()) as AsyncLocalStorage<Scope>;

// Symbol.for: the server entry sets it, the Remix build (its own copy of this module) reads it.
const READ_ONLY = Symbol.for("thi-dua-khen-thuong.request-scope.read-only");

/**
 * Runs `fn` (the handling of one request) with a fresh scope. `readOnly`: the request runs no action (GET, HEAD),
 * so what was read at its start still holds at its end.
 */
export function withRequestScope<T>(fn: () => T, { readOnly = false }: { readOnly?: boolean } = {}): T {
  const scope: Scope = new Map();
  if (readOnly) scope.set(READ_ONLY, true);
  return storage.run(scope, fn);
}

/** Whether the current request is known to change nothing (see `withRequestScope`); false outside a request. */
export function inReadOnlyRequest(): boolean {
  return storage.getStore()?.get(READ_ONLY) === true;
}

/** `compute()` once per request and `name`; outside a request (jobs, tests) every call computes. */
export function oncePerRequest<T>(name: string, compute: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return compute();
  if (!scope.has(name)) scope.set(name, compute());
  return scope.get(name) as Promise<T>;
}
