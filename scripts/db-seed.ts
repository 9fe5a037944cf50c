// Seeds demo data into an empty database (SEED_DEMO=auto: not in production; always; never).
import { serverEnv } from "@/lib/config/env";
import { configuredDatabaseTarget, describeTarget } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/client";
import { isDatabaseEmpty, seedDemoData } from "@/lib/demo/seed-demo-data";

const env = serverEnv();
const target = configuredDatabaseTarget();
const db = createPrismaClient(target);
try {
  const allowed = env.SEED_DEMO === "always" || (env.SEED_DEMO === "auto" && env.NODE_ENV !== "production");
  if (!allowed) console.log("Demo data: not seeded (SEED_DEMO=%s, NODE_ENV=%s).", env.SEED_DEMO, env.NODE_ENV);
  else if (!(await isDatabaseEmpty(db))) console.log(`Demo data: ${describeTarget(target)} already has users; nothing seeded.`);
  else {
    const credentials = await seedDemoData(db);
    console.log(`Demo data seeded into ${describeTarget(target)}. Demo accounts (labelled demo, never for real patients):`);
    for (const credential of credentials) console.log(`  ${credential.role.padEnd(10)}  ${credential.email.padEnd(26)}  password: ${credential.password}`);
  }
} catch (error) {
  console.error("Seeding failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.closeDatabase();
}
