// Every action of the build, guarded in one place (server.ts): the control characters of a plain form
// (NUL, escape, bell…) are removed from every field before the action reads it. They are invisible,
// nobody types them, and PostgreSQL refuses a NUL in text — a 500 before this guard. Tab and line
// breaks stay. Forms with files (multipart) are left whole: their text fields go through the Zod
// helpers of app/forms/fields.ts, which refuse control characters with a field message.
import type { ActionFunctionArgs, ServerBuild } from "@remix-run/node";

// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, "");
}

/** The urlencoded body with every name and value cleaned; null when there was nothing to clean. */
export function cleanFormBody(body: string): string | null {
  const fields = new URLSearchParams(body);
  let changed = false;
  const cleaned = new URLSearchParams();
  for (const [name, value] of fields) {
    const [cleanName, cleanValue] = [withoutControlCharacters(name), withoutControlCharacters(value)];
    changed ||= cleanName !== name || cleanValue !== value;
    cleaned.append(cleanName, cleanValue);
  }
  return changed ? cleaned.toString() : null;
}

async function cleanedRequest(request: Request): Promise<Request> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return request;
  const body = await request.text();
  const cleaned = cleanFormBody(body) ?? body;
  const headers = new Headers(request.headers);
  headers.delete("Content-Length");
  return new Request(request.url, { method: request.method, headers, body: cleaned, signal: request.signal });
}

type Action = (args: ActionFunctionArgs) => unknown;

/** One route's action, guarded (the tests call route modules through this, as the server does). */
export function guardAction<A extends Action>(action: A): A {
  return (async (args: ActionFunctionArgs) => action({ ...args, request: await cleanedRequest(args.request) })) as A;
}

/** The build with every route's action guarded. */
export function guardActions(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const action = route.module.action;
    routes[id] = action ? { ...route, module: { ...route.module, action: guardAction(action) } } : route;
  }
  return { ...build, routes };
}
