import path from "node:path";
import { z } from "zod";
import { roles } from "@/lib/auth/permissions";

// Server configuration, validated once. Every variable is optional so the quick start needs none.
const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PGLITE_DATA_DIR: z.string().default("data/pglite"),
  STORAGE_DIR: z.string().default("data/storage"),
  AUTH_SECRET: z.string().min(16).optional(),
  SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  /** Failures for one account from one client address before that address is locked out of it. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  /** Failures for one account from all addresses together before the account locks. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(50),
  LOGIN_LOCK_BASE_SECONDS: z.coerce.number().int().min(1).default(60),
  LOGIN_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  LOGIN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(60).default(8 * 3600),
  SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).default(30 * 60),
  /** "1" behind a TLS-terminating proxy: its X-Forwarded-* headers are trusted (lib/auth/client-address.ts). */
  TRUST_PROXY_TLS: z
    .string()
    .optional()
    .transform((flag) => flag === "1"),
  /** Comma-separated roles that must enrol TOTP before doing anything else, e.g. "ADMIN,COMPLIANCE". */
  TOTP_REQUIRED_ROLES: z
    .string()
    .default("")
    .transform((list) => list.split(",").map((role) => role.trim()).filter(Boolean))
    .pipe(z.array(z.enum(roles))),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Hospital SSO"),
  /** smtp:// or smtps:// URL: monitoring notifications are also e-mailed when set (lib/monitoring/send-notification-emails.ts). */
  SMTP_URL: z.string().regex(/^smtps?:\/\//).optional(),
  SMTP_FROM: z.string().default("mmfm-portal@localhost"),
  /** "1" makes this instance a federation hub: it registers sites, imports their signed bundles and pools them. */
  FEDERATION_HUB: z
    .string()
    .optional()
    .transform((flag) => flag === "1"),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  cached ??= serverEnvSchema.parse(process.env);
  return cached;
}

/** Resolves a configured directory against the working directory (kept out of Turbopack's trace). */
export function resolveDataPath(configured: string): string {
  return path.isAbsolute(configured) ? configured : path.resolve(/*turbopackIgnore: true*/ process.cwd(), configured);
}
