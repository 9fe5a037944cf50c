"use server";

import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { signOut } from "@/lib/auth/auth";
import { getSessionUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";

export async function signOutAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) await db().$transaction((tx) => recordAuditEvent(tx, { actorId: user.id, actorRole: user.role, action: "auth.sign_out", entityType: "User", entityId: user.id }));
  await signOut({ redirectTo: "/sign-in" });
}
