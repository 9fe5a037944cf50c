import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { Role } from "@/lib/db/generated/enums";

/** Who acts, with what they may reach: non-admins reach only the PoCs of their own sites. */
export type ScopedActor = AuditActor & { role: Role; siteIds: string[] };
