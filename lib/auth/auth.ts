import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { headers } from "next/headers";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authenticateWithPassword, secondFactorRequired } from "@/lib/auth/authenticate-with-password";
import { createUserSession } from "@/lib/auth/create-user-session";
import { configuredSignInLimits, requestClientAddress } from "@/lib/auth/request-client";
import { signInSchema } from "@/lib/auth/schema";
import { sessionKey } from "@/lib/auth/session-secret";
import { endSession } from "@/lib/auth/sign-out";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";

declare module "next-auth" {
  interface Session {
    userId: string;
    /** The secret naming this browser's row in UserSession; checked on every request (resolveSessionUser). */
    sessionId: string;
    signedInAt: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sid?: string;
    signedInAt?: number;
  }
}

/** Thrown from authorize() so the sign-in action can ask for the code; its `code` reaches the caller. */
class SecondFactorRequiredError extends CredentialsSignin {
  code = secondFactorRequired;
}

function providers(): Provider[] {
  const env = serverEnv();
  const list: Provider[] = [
    Credentials({
      credentials: { email: {}, password: {}, otp: {} },
      authorize: async (raw, request) => {
        // Auth.js adds its own fields (csrfToken, callbackUrl) to the credentials: pick ours.
        const parsed = signInSchema.safeParse({ email: raw.email, password: raw.password, otp: raw.otp || undefined });
        if (!parsed.success) return null;
        const policy = { ...configuredSignInLimits(), authSecret: env.AUTH_SECRET };
        const user = await authenticateWithPassword(db(), parsed.data, policy, requestClientAddress(request.headers));
        if (user === secondFactorRequired) throw new SecondFactorRequiredError();
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ];
  // Hospital SSO (Entra ID, Keycloak, ...): only users an admin created may sign in; roles stay ours.
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID) {
    list.push({
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oidc",
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
    });
  }
  return list;
}

function config(): NextAuthConfig {
  const env = serverEnv();
  return {
    trustHost: true,
    secret: env.AUTH_SECRET,
    providers: providers(),
    pages: { signIn: "/sign-in" },
    // A failed sign-in is expected and already audited; log only the kind of error, never its details.
    logger: {
      error: (error) => {
        // Class names are minified in production builds: Auth.js errors carry their kind in `type`.
        const kind = (error as { type?: string }).type ?? error.name;
        if (kind !== "CredentialsSignin") console.error(`[auth] ${kind}`);
      },
      warn: () => {},
      debug: () => {},
    },
    // The cookie lives as long as the absolute lifetime; the idle limit is kept on the server, from the
    // session row's lastSeenAt (resolveSessionUser), because pages and actions cannot refresh a cookie.
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS },
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const email = profile?.email?.toLowerCase();
        const user = email ? await db().user.findUnique({ where: { email } }) : null;
        const allowed = Boolean(user && !user.disabled);
        await db().$transaction((tx) =>
          recordAuditEvent(tx, { actorId: user?.id, actorRole: user?.role, action: "auth.sign_in", entityType: "User", entityId: user?.id, outcome: allowed ? "SUCCESS" : "FAILURE", details: { provider: "oidc", reason: allowed ? undefined : "not_provisioned" } }),
        );
        return allowed;
      },
      async jwt({ token, user, account, profile, trigger, session }) {
        if (trigger === "signIn") {
          const email = account?.provider === "oidc" ? profile?.email?.toLowerCase() : undefined;
          const userId = email ? (await db().user.findUnique({ where: { email }, select: { id: true } }))?.id : user?.id;
          if (!userId) return null;
          const sessionId = await createUserSession(db(), { userId, userAgent: (await headers()).get("user-agent") }, { maxAgeSeconds: env.SESSION_MAX_AGE_SECONDS });
          Object.assign(token, { uid: userId, sid: sessionId, signedInAt: Date.now() });
        } else if (trigger === "update" && token.uid && typeof session?.sessionId === "string") {
          // A password change re-issues this browser's session (lib/auth/change-password.ts). Anyone can
          // ask Auth.js for an update, but only the server knows a live session's secret.
          const live = await db().userSession.count({ where: { id: sessionKey(session.sessionId), userId: token.uid, revokedAt: null } });
          if (live === 1) token.sid = session.sessionId;
        }
        return token;
      },
      session({ session, token }) {
        return Object.assign(session, { userId: token.uid ?? "", sessionId: token.sid ?? "", signedInAt: token.signedInAt ?? 0 });
      },
    },
    events: {
      // Covers both the portal's sign-out button and a POST to Auth.js's own /api/auth/signout.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (token?.uid && token.sid) await endSession(db(), { userId: token.uid, sessionId: token.sid });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut, unstable_update: updateSession } = NextAuth(() => config());
