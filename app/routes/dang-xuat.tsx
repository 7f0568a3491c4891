import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { SIGN_IN_PATH, destroySession } from "~/utils/auth.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  return redirect(SIGN_IN_PATH, { headers: { "Set-Cookie": await destroySession(request) } });
}

// Signing out changes state, so it is a POST; a GET lands on the home page.
export async function loader() {
  return redirect("/");
}
