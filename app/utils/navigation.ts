import type { Role } from "~/generated/prisma/enums.ts";

type NavItem = { to: string; label: string; roles: Role[] | "all" };

// Only pages that exist are listed; each issue adds its own.
const ITEMS: NavItem[] = [{ to: "/", label: "Trang chủ", roles: "all" }];

export function navigationFor(roles: Role[]): Array<{ to: string; label: string }> {
  return ITEMS.filter((item) => item.roles === "all" || item.roles.some((role) => roles.includes(role)));
}
