// npm run audit:verify [-- --head-out head.json] [-- --check-head head.json]
// Walks the audit chain, prints how many rows were checked and the head, and names the first row that
// was altered, removed or reordered (exit code 1). --head-out saves the verified head to keep elsewhere;
// --check-head confirms a head saved earlier is still in the chain, unchanged (exit code 1 otherwise).
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { chainHeadFormat, checkChainHead } from "@/lib/audit/chain-head";
import { savedChainHeadSchema } from "@/lib/audit/schema";
import { operatorReach } from "@/lib/auth/site-scope";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { configuredDatabaseTarget, describeTarget } from "@/lib/db/adapter";
import { createPrismaClient } from "@/lib/db/client";

const { values } = parseArgs({ options: { "head-out": { type: "string" }, "check-head": { type: "string" } } });
const target = configuredDatabaseTarget();
const db = createPrismaClient(target);
const progress = (rowsChecked: number) => process.stderr.write(`  … ${rowsChecked.toLocaleString("en")} rows checked\n`);

try {
  console.log(`Verifying the audit chain in ${describeTarget(target)}…`);
  const verification = await verifyAuditChain(db, progress);
  console.log(`Rows checked: ${verification.rowsChecked}`);
  if (verification.firstBreak) {
    const { seq, problem } = verification.firstBreak;
    console.error(`✖ Chain broken at seq ${seq}: ${problem}. Rows before it verify${verification.head ? ` (last good: seq ${verification.head.seq})` : ""}.`);
    process.exitCode = 1;
  } else if (verification.head) {
    console.log(`✔ Chain intact. Head: seq ${verification.head.seq}, hash ${verification.head.hash}`);
  } else {
    console.log("✔ The audit log is empty.");
  }

  if (values["head-out"]) {
    if (verification.firstBreak || !verification.head) {
      console.error("✖ No head exported: the chain must verify and be non-empty first.");
      process.exitCode = 1;
    } else {
      const row = await db.auditEvent.findUniqueOrThrow({ where: { seq: verification.head.seq }, select: { at: true } });
      const head = { format: chainHeadFormat, ...verification.head, at: row.at.toISOString(), exportedAt: new Date().toISOString() };
      await writeFile(values["head-out"], `${JSON.stringify(head, null, 2)}\n`);
      console.log(`Head written to ${values["head-out"]}: keep it somewhere the database's administrators cannot edit.`);
    }
  }

  if (values["check-head"]) {
    const saved = savedChainHeadSchema.parse(JSON.parse(await readFile(values["check-head"], "utf8")));
    const check = await checkChainHead(db, operatorReach, saved);
    if (check.result === "matches") console.log(`✔ Saved head seq ${saved.seq} is still in the chain, unchanged.`);
    else {
      console.error(`✖ Saved head seq ${saved.seq} is ${check.result === "missing" ? "missing from" : "different in"} the chain: history up to it was rewritten or removed.`);
      process.exitCode = 1;
    }
  }
} catch (error) {
  console.error("Audit verification failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.closeDatabase();
  process.exit();
}
