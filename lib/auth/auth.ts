import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authenticateWithPassword, secondFactorRequired } from "@/lib/auth/authenticate-with-password";
import { signInSchema } from "@/lib/auth/schema";
import { clientAddress, createSignInRateLimiter } from "@/lib/auth/sign-in-rate-limit";
import { serverEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";

declare module "next-auth" {
  interface Session {
    userId: string;
    sessionVersion: number;
    signedInAt: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    signedInAt?: number;
  }
}

let rateLimiter: ReturnType<typeof createSignInRateLimiter> | undefined;

function signInRateLimiter() {
  const env = serverEnv();
  rateLimiter ??= createSignInRateLimiter({ perAddressAndEmail: env.LOGIN_RATE_LIMIT_PER_EMAIL, perAddress: env.LOGIN_RATE_LIMIT_PER_ADDRESS, windowMs: env.LOGIN_RATE_LIMIT_WINDOW_SECONDS * 1000 });
  return rateLimiter;
}

/** Thrown from authorize() so the sign-in action can ask for the code; its `code` reaches the caller. */
export class SecondFactorRequiredError extends CredentialsSignin {
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
        // Over the limit the password is not even checked; the caller sees the same generic failure.
        if (!signInRateLimiter().allow(clientAddress(request?.headers), parsed.data.email)) {
          await db().$transaction((tx) => recordAuditEvent(tx, { action: "auth.sign_in", entityType: "User", outcome: "FAILURE", details: { reason: "rate_limited" } }));
          return null;
        }
        const user = await authenticateWithPassword(db(), parsed.data, { maxFailures: env.LOGIN_MAX_FAILURES, lockBaseSeconds: env.LOGIN_LOCK_BASE_SECONDS, authSecret: env.AUTH_SECRET });
        if (user === secondFactorRequired) throw new SecondFactorRequiredError();
        return user ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } : null;
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
    // The cookie expires after SESSION_IDLE_SECONDS without a request; the absolute lifetime is
    // checked against signedInAt in resolveSessionUser().
    session: { strategy: "jwt", maxAge: env.SESSION_IDLE_SECONDS, updateAge: 60 },
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
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "oidc" && profile?.email) {
          const known = await db().user.findUnique({ where: { email: profile.email.toLowerCase() } });
          if (known) Object.assign(token, { uid: known.id, sv: known.sessionVersion, signedInAt: Date.now() });
        } else if (user) {
          const signedIn = user as { id: string; sessionVersion: number };
          Object.assign(token, { uid: signedIn.id, sv: signedIn.sessionVersion, signedInAt: Date.now() });
        }
        return token;
      },
      session({ session, token }) {
        return Object.assign(session, { userId: token.uid ?? "", sessionVersion: token.sv ?? -1, signedInAt: token.signedInAt ?? 0 });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
