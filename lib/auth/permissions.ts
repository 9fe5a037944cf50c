import type { Role } from "@/lib/db/generated/enums";

// The one role-to-permission map. Every page, server action and route handler asks it through
// requirePermission(); the proxy only redirects anonymous visitors to the sign-in page.
export const permissions = {
  "home:view": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "account:edit": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "account:security": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "case:submit": ["CLINICIAN"],
  "case:read": ["CLINICIAN"],
  "case:view": ["CLINICIAN", "COMPLIANCE", "EXECUTIVE"],
  "outcome:record": ["CLINICIAN"],
  "kpi:view": ["EXECUTIVE", "ADMIN"],
  "roi:edit": ["EXECUTIVE", "ADMIN"],
  "poc:view": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "poc:manage": ["ADMIN"],
  // Approval is the governance gate (draft → approved); the gate itself is enforced in lib/pocs/transition-poc.ts.
  "poc:approve": ["COMPLIANCE", "ADMIN"],
  "poc:start": ["ADMIN", "EXECUTIVE"],
  "poc:decide": ["EXECUTIVE"],
  "governance:view": ["COMPLIANCE", "ADMIN", "EXECUTIVE"],
  "governance:edit": ["COMPLIANCE"],
  "governance:sign": ["COMPLIANCE"],
  "governance:template": ["ADMIN"],
  "audit:view": ["COMPLIANCE"],
  "user:manage": ["ADMIN"],
  "site:manage": ["ADMIN"],
  "model:view": ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "model:manage": ["ADMIN"],
  // Post-deployment monitoring (lib/monitoring): stop rules are signed by compliance officers; the
  // clinical system's feed posts observations with an admin's session.
  "monitoring:view": ["EXECUTIVE", "COMPLIANCE", "ADMIN"],
  "monitoring:rules": ["COMPLIANCE"],
  "monitoring:ingest": ["ADMIN"],
  // Multi-site evidence (lib/federation): admins export bundles and run the hub; executives read pooled results.
  "federation:export": ["ADMIN"],
  "federation:hub": ["ADMIN"],
  "federation:view": ["EXECUTIVE", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

export const roles = ["CLINICIAN", "EXECUTIVE", "COMPLIANCE", "ADMIN"] as const satisfies readonly Role[];
