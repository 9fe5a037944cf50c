import "server-only";
import type { Tx } from "@/lib/db/client";
import { aiThreshold } from "@/lib/kpi/kpi-aggregates";
import { scoreBins } from "./periods";
import { monitoringBaselineSchema, type MonitoringBaseline } from "./schema";

type BaselineDocument = Omit<MonitoringBaseline, "modelVersionId" | "modelSha256" | "frozenAt"> & { labDeciles: Record<string, Record<string, number>> };

/**
 * The PoC's input, output and performance distributions at adoption, aggregated in SQL once (counts
 * per category, lab decile edges, the AI score histogram, positive and discordance rates, the AI's
 * sensitivity and specificity against the reference standard). Only counts leave the query.
 */
export async function freezeBaseline(tx: Tx, poc: { id: string; modelVersionId: string }, now: Date): Promise<MonitoringBaseline> {
  const model = await tx.modelVersion.findUniqueOrThrow({ where: { id: poc.modelVersionId }, select: { sha256: true } });
  const [{ document }] = await tx.$queryRaw<[{ document: BaselineDocument }]>`
    WITH latest AS MATERIALIZED (
      SELECT DISTINCT ON (i."caseId") i."caseId", i.probability
      FROM "Inference" i JOIN "Case" c ON c.id = i."caseId"
      WHERE c."pocId" = ${poc.id} AND i.status = 'SUCCEEDED' AND i.probability IS NOT NULL
      ORDER BY i."caseId", i."createdAt" DESC, i.id DESC),
    cases AS MATERIALIZED (
      SELECT c.id, c.modality, c."scannerVendor", c."ageBand", c.sex, c."labValues", l.probability, o."referencePresent" AS truth
      FROM "Case" c LEFT JOIN latest l ON l."caseId" = c.id LEFT JOIN "Outcome" o ON o."caseId" = c.id
      WHERE c."pocId" = ${poc.id}),
    aided AS (
      SELECT r."finalCall", c.probability FROM "Read" r JOIN cases c ON c.id = r."caseId"
      WHERE r.status = 'COMPLETED' AND r.arm = 'AIDED' AND r."finalCall" IS NOT NULL AND c.probability IS NOT NULL),
    labs AS (
      SELECT e.key, e.value::float8 AS value FROM cases c, jsonb_each_text(c."labValues"::jsonb) e
      WHERE jsonb_typeof(c."labValues"::jsonb) = 'object' AND e.value ~ '^-?[0-9]+([.][0-9]+)?$'),
    lab_edges AS MATERIALIZED (
      SELECT key, percentile_cont(ARRAY[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) WITHIN GROUP (ORDER BY value) AS edges FROM labs GROUP BY key)
    SELECT json_build_object(
      'cases', (SELECT count(*)::int FROM cases),
      'inputs', json_build_object(
        'modality', (SELECT coalesce(json_object_agg(k, n), '{}') FROM (SELECT modality AS k, count(*)::int AS n FROM cases GROUP BY 1) x),
        'scannerVendor', (SELECT coalesce(json_object_agg(k, n), '{}') FROM (SELECT "scannerVendor" AS k, count(*)::int AS n FROM cases WHERE "scannerVendor" IS NOT NULL GROUP BY 1) x),
        'ageBand', (SELECT coalesce(json_object_agg(k, n), '{}') FROM (SELECT "ageBand" AS k, count(*)::int AS n FROM cases WHERE "ageBand" IS NOT NULL GROUP BY 1) x),
        'sex', (SELECT coalesce(json_object_agg(k, n), '{}') FROM (SELECT sex AS k, count(*)::int AS n FROM cases WHERE sex IS NOT NULL GROUP BY 1) x)),
      'labEdges', (SELECT coalesce(json_object_agg(key, edges), '{}') FROM lab_edges),
      -- Each lab's PoC values counted by the same decile index monitoring uses (edges strictly below the value).
      'labDeciles', (SELECT coalesce(json_object_agg(key, counts), '{}') FROM (
        SELECT key, json_object_agg(idx, n) AS counts FROM (
          SELECT l.key, (SELECT count(*) FROM unnest(e.edges) AS edge WHERE l.value > edge)::int AS idx, count(*)::int AS n
          FROM labs l JOIN lab_edges e ON e.key = l.key GROUP BY 1, 2) y GROUP BY key) x),
      'scores', (SELECT coalesce(json_object_agg(bin, n), '{}') FROM (
        SELECT least(${scoreBins - 1}::int, floor(probability * ${scoreBins}::int)::int)::text AS bin, count(*)::int AS n FROM cases WHERE probability IS NOT NULL GROUP BY 1) x),
      'positiveRate', (SELECT json_build_object('successes', count(*) FILTER (WHERE probability >= ${aiThreshold}::float8), 'n', count(probability)) FROM cases),
      'discordance', (SELECT json_build_object('successes', count(*) FILTER (WHERE "finalCall" <> (probability >= ${aiThreshold}::float8)), 'n', count(*)) FROM aided),
      'sensitivity', (SELECT json_build_object('successes', count(*) FILTER (WHERE probability >= ${aiThreshold}::float8), 'n', count(*)) FROM cases WHERE truth AND probability IS NOT NULL),
      'specificity', (SELECT json_build_object('successes', count(*) FILTER (WHERE probability < ${aiThreshold}::float8), 'n', count(*)) FROM cases WHERE NOT truth AND probability IS NOT NULL)
    ) AS document`;
  // Empty categories out of JSON come back as {}; the schema keeps the stored baseline honest.
  const { labDeciles, ...frozen } = document;
  const inputs = Object.fromEntries(
    [...Object.entries(document.inputs), ...Object.entries(labDeciles).map(([lab, counts]) => [`lab:${lab}`, counts] as const)].filter(([, counts]) => Object.keys(counts).length > 0),
  );
  return monitoringBaselineSchema.parse({ ...frozen, inputs, modelVersionId: poc.modelVersionId, modelSha256: model.sha256, frozenAt: now.toISOString() });
}
