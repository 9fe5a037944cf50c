import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { cellContributions, type Cell } from "./cell-contributions";
import { monitoringBaselineSchema, type MonitoringObservation } from "./schema";

// Serialises writers of one deployment's cells with each other (two-key advisory lock, its own class).
const monitoringLockClass = 7_415;

/**
 * Adds observations to a deployment's monitoring cells: summed in memory per cell, then one
 * INSERT … ON CONFLICT DO UPDATE adding the counts, in the caller's transaction. Returns the number of
 * cells touched.
 */
export async function recordObservations(tx: Tx, deploymentId: string, observations: MonitoringObservation[], modelSha256?: string): Promise<number> {
  const deployment = await tx.deployment.findUnique({ where: { id: deploymentId }, select: { periodLength: true, adoptedAt: true, baseline: true } });
  if (!deployment) throw new AppError("NOT_FOUND");
  const baseline = monitoringBaselineSchema.parse(deployment.baseline);
  // Scores of another model version would read as drift of this one.
  if (modelSha256 !== undefined && modelSha256 !== baseline.modelSha256) throw new AppError("DEPLOYMENT_MODEL_MISMATCH");
  const cells = cellContributions(observations, { periodLength: deployment.periodLength, adoptedAt: deployment.adoptedAt, labEdges: baseline.labEdges });
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${monitoringLockClass}::int, hashtext(${deploymentId}))`;
  await addCells(tx, deploymentId, cells);
  return cells.length;
}

export async function addCells(tx: Tx | Db, deploymentId: string, cells: Cell[]) {
  if (cells.length === 0) return;
  const column = <K extends keyof Cell>(key: K) => cells.map((cell) => cell[key]);
  await tx.$executeRaw`
    INSERT INTO "MonitoringCell" ("deploymentId", "periodStart", dimension, "groupKey", cases, "aiPositives", discordant, "finalReads",
      "referencePositives", "referenceNegatives", "aiTruePositives", "aiTrueNegatives", "readN", "readMsSum", "readMsSumSq")
    SELECT ${deploymentId}, u.* FROM unnest(${column("periodStart")}::date[], ${column("dimension")}::text[], ${column("groupKey")}::text[],
      ${column("cases")}::int[], ${column("aiPositives")}::int[], ${column("discordant")}::int[], ${column("finalReads")}::int[],
      ${column("referencePositives")}::int[], ${column("referenceNegatives")}::int[], ${column("aiTruePositives")}::int[], ${column("aiTrueNegatives")}::int[],
      ${column("readN")}::int[], ${column("readMsSum")}::numeric[], ${column("readMsSumSq")}::numeric[]) AS u
    ON CONFLICT ("deploymentId", "periodStart", dimension, "groupKey") DO UPDATE SET
      cases = "MonitoringCell".cases + excluded.cases, "aiPositives" = "MonitoringCell"."aiPositives" + excluded."aiPositives",
      discordant = "MonitoringCell".discordant + excluded.discordant, "finalReads" = "MonitoringCell"."finalReads" + excluded."finalReads",
      "referencePositives" = "MonitoringCell"."referencePositives" + excluded."referencePositives",
      "referenceNegatives" = "MonitoringCell"."referenceNegatives" + excluded."referenceNegatives",
      "aiTruePositives" = "MonitoringCell"."aiTruePositives" + excluded."aiTruePositives", "aiTrueNegatives" = "MonitoringCell"."aiTrueNegatives" + excluded."aiTrueNegatives",
      "readN" = "MonitoringCell"."readN" + excluded."readN", "readMsSum" = "MonitoringCell"."readMsSum" + excluded."readMsSum",
      "readMsSumSq" = "MonitoringCell"."readMsSumSq" + excluded."readMsSumSq"`;
}

/** Every cell of a deployment in one round trip, as one JSON document (row decoding costs more than the query). */
export async function loadMonitoringCells(db: Db | Tx, deploymentId: string): Promise<Cell[]> {
  const [{ cells }] = await db.$queryRaw<[{ cells: Cell[] }]>`
    SELECT coalesce(json_agg(json_build_object('periodStart', to_char(c."periodStart", 'YYYY-MM-DD'), 'dimension', c.dimension, 'groupKey', c."groupKey",
      'cases', c.cases, 'aiPositives', c."aiPositives", 'discordant', c.discordant, 'finalReads', c."finalReads",
      'referencePositives', c."referencePositives", 'referenceNegatives', c."referenceNegatives", 'aiTruePositives', c."aiTruePositives",
      'aiTrueNegatives', c."aiTrueNegatives", 'readN', c."readN", 'readMsSum', c."readMsSum"::float8, 'readMsSumSq', c."readMsSumSq"::float8)), '[]') AS cells
    FROM "MonitoringCell" c WHERE c."deploymentId" = ${deploymentId}`;
  return cells;
}
