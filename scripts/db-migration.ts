// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/ for the schema change,
// offline (Prisma's WASM schema engine, an in-memory PGlite as the shadow database).
import { openDatabase } from "@/lib/db/adapter";
import { createMigration } from "@/lib/db/schema-engine";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lowercase letters, digits and _)");
  process.exit(2);
}

const database = openDatabase({ kind: "pglite", dataDir: "memory://" });
try {
  const folder = await createMigration(database.factory, name);
  console.log(folder ? `Created ${folder}` : "The schema matches the migrations: nothing to create.");
} catch (error) {
  console.error("Could not create the migration:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
  // The WASM engine leaves a timer running.
  process.exit();
}
