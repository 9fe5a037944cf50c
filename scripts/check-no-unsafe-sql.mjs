// Refuses Prisma's string-built raw SQL anywhere in our code: tagged $queryRaw/$executeRaw bind their
// values as parameters; the *Unsafe variants (and Prisma.raw) splice strings into SQL.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const banned = /\$(queryRawUnsafe|executeRawUnsafe)\b|\bPrisma\.raw\s*\(/;
const skipped = new Set(["node_modules", ".next", ".git", ".tmp", "data", "generated", "test-results"]);
const self = path.relative(root, import.meta.filename);

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(c|m)?(t|j)sx?$/.test(entry.name)) yield full;
  }
}

const offences = [];
for (const file of sourceFiles(root)) {
  if (path.relative(root, file) === self) continue;
  readFileSync(file, "utf8").split("\n").forEach((line, index) => {
    // A committed file (a migration replayed by a test) may be run as is, when the line says why.
    if (banned.test(line) && !line.includes("unsafe-sql-ok:")) offences.push(`${path.relative(root, file)}:${index + 1}: ${line.trim()}`);
  });
}
if (offences.length > 0) {
  console.error(`✖ Unsafe raw SQL (use tagged $queryRaw / $executeRaw):\n${offences.join("\n")}`);
  process.exit(1);
}
console.log("✔ No $queryRawUnsafe / $executeRawUnsafe / Prisma.raw in the sources.");
