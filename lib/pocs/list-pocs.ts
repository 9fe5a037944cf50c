import "server-only";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

/** Admins see every site; everyone else only the sites they belong to. */
export function pocScope(user: Pick<CurrentUser, "role" | "siteIds">): Prisma.PocWhereInput {
  return user.role === "ADMIN" ? {} : { siteId: { in: user.siteIds } };
}

export function listPocsWithProgress(db: Db, user: CurrentUser) {
  return db.poc.findMany({
    where: pocScope(user),
    orderBy: { createdAt: "desc" },
    include: {
      site: { select: { code: true, nameEn: true, nameJa: true } },
      modelVersion: { select: { name: true, version: true } },
      _count: { select: { cases: true, checklistItems: true } },
    },
  });
}
