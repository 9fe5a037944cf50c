import { defineConfig } from "prisma/config";

// The URL is only read by Prisma CLI commands that reach a live database (e.g. `prisma migrate deploy`
// where the native engine exists). The app itself connects through driver adapters in lib/db/client.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/mmfm" },
});
