import "server-only";
import type { Db } from "@/lib/db/client";

/** The admin home page's counts. */
export async function countPortalRecords(db: Db) {
  const [users, sites, models] = await Promise.all([db.user.count(), db.site.count(), db.modelVersion.count()]);
  return { users, sites, models };
}
