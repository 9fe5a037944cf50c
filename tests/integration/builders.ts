import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

const unique = () => randomBytes(4).toString("hex");

export async function buildSite(db: Db, overrides: Partial<Prisma.SiteCreateInput> = {}) {
  return db.site.create({ data: { code: `S-${unique().toUpperCase()}`, nameEn: "Test Hospital", nameJa: "テスト病院", ...overrides } });
}

export async function buildUser(db: Db, overrides: Partial<Omit<Prisma.UserUncheckedCreateInput, "passwordHash">> & { password?: string; siteIds?: string[] } = {}) {
  const { password = "correct horse battery", siteIds = [], ...data } = overrides;
  return db.user.create({
    data: {
      email: `user-${unique()}@test.example`,
      name: "Test User",
      role: "CLINICIAN",
      passwordHash: await hashPassword(password),
      sites: { create: siteIds.map((siteId) => ({ siteId })) },
      ...data,
    },
  });
}
