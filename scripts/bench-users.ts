// Creates the bench's clinicians (on the demo site) and executives through the domain function, as the
// demo admin would. Run before the server starts (PGlite allows one process; PostgreSQL does not care).
import { configuredDatabaseTarget } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/client";
import { createUser } from "@/lib/users/manage-users";

const [clinicianCount, executiveCount, password] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]!];
const db = createPrismaClient(configuredDatabaseTarget());
try {
  const admin = await db.user.findFirstOrThrow({ where: { role: "ADMIN" }, include: { sites: true } });
  const siteIds = admin.sites.map((membership) => membership.siteId);
  const actor = { id: admin.id, role: admin.role, requestId: "bench-setup" };
  for (let index = 0; index < clinicianCount; index++) await createUser(db, actor, { email: `bench.clinician.${index}@bench.example`, name: `Bench clinician ${index}`, role: "CLINICIAN", siteIds, locale: "en", password });
  for (let index = 0; index < executiveCount; index++) await createUser(db, actor, { email: `bench.executive.${index}@bench.example`, name: `Bench executive ${index}`, role: "EXECUTIVE", siteIds, locale: "en", password });
  console.log(`Bench users: ${clinicianCount} clinicians, ${executiveCount} executives.`);
} finally {
  await db.closeDatabase();
}
