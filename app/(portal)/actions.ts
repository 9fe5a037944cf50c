"use server";

import { auth, signOut } from "@/lib/auth/auth";
import { endSession } from "@/lib/auth/sign-out";
import { db } from "@/lib/db/client";

export async function signOutAction(): Promise<void> {
  const session = await auth();
  // Ended on the server here, not only in Auth.js's sign-out event, whose errors are logged and
  // swallowed: if this fails the cookie stays and the user can try again, rather than leaving a live session behind.
  if (session?.userId && session.sessionId) await endSession(db(), { userId: session.userId, sessionId: session.sessionId });
  await signOut({ redirectTo: "/sign-in" });
}
