import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WASM and data files from its own package folder at run time; piscina starts its
  // worker script (and lib/cases/image-worker.mjs) by path, so it must not be bundled; playwright-core and pptxgenjs render the board exports.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm", "kuromoji", "piscina", "pg-boss", "@lhncbc/ucum-lhc", "playwright-core", "pptxgenjs"],
  experimental: { authInterrupts: true },
  // The build checks the app's own code; tests and scripts are checked by `npm run typecheck`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
};

export default withNextIntl(nextConfig);
