import type { Role } from "@/lib/db/generated/enums";
import { can, type Permission } from "@/lib/auth/permissions";

/** Navigation entries; a role sees an entry only when the permission map allows its page. */
const navigationItems: { href: string; labelKey: string; permission: Permission }[] = [
  { href: "/", labelKey: "home", permission: "home:view" },
  { href: "/reading", labelKey: "reading", permission: "case:read" },
  { href: "/cases", labelKey: "cases", permission: "case:submit" },
  { href: "/dashboard", labelKey: "dashboard", permission: "kpi:view" },
  { href: "/models", labelKey: "models", permission: "model:view" },
  { href: "/admin/users", labelKey: "users", permission: "user:manage" },
  { href: "/admin/sites", labelKey: "sites", permission: "site:manage" },
  { href: "/admin/pocs", labelKey: "pocs", permission: "poc:manage" },
  { href: "/governance", labelKey: "governance", permission: "governance:view" },
  { href: "/monitoring", labelKey: "monitoring", permission: "monitoring:view" },
  { href: "/federation", labelKey: "federation", permission: "federation:view" },
  { href: "/governance/templates", labelKey: "templates", permission: "governance:template" },
  { href: "/audit", labelKey: "audit", permission: "audit:view" },
  { href: "/audit/access-review", labelKey: "accessReview", permission: "audit:view" },
  { href: "/account/security", labelKey: "accountSecurity", permission: "account:security" },
];

export function navigationFor(role: Role) {
  return navigationItems.filter((item) => can(role, item.permission));
}
