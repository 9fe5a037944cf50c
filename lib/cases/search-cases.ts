import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { caseScope, type Actor } from "@/lib/auth/site-scope";

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** The case list's search parameters, from the URL: anything unknown or malformed falls back to the default. */
export const caseListQuerySchema = z.object({
  q: z.preprocess(single, z.string().trim().max(40).catch("")).default(""),
  pocId: z.preprocess(single, z.string().max(64).catch("")).default(""),
  outcome: z.preprocess(single, z.enum(["all", "recorded", "missing"]).catch("all")).default("all"),
  page: z.preprocess(single, z.coerce.number().int().min(1).max(100_000).catch(1)).default(1),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const casesPerPage = 25;

/** One page of the viewer's cases, newest first, by case code, PoC and whether an outcome is recorded. */
export async function searchCases(db: Db, viewer: Actor, query: CaseListQuery) {
  const where = {
    ...caseScope(viewer),
    ...(query.q ? { code: { contains: query.q, mode: "insensitive" as const } } : {}),
    ...(query.pocId ? { pocId: query.pocId } : {}),
    ...(query.outcome === "recorded" ? { outcome: { isNot: null } } : query.outcome === "missing" ? { outcome: { is: null } } : {}),
  };
  const total = await db.case.count({ where });
  const pages = Math.max(1, Math.ceil(total / casesPerPage));
  const page = Math.min(query.page, pages);
  const rows = await db.case.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * casesPerPage,
    take: casesPerPage,
    include: {
      poc: { select: { title: true } },
      inferences: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, errorCode: true } },
      outcome: { select: { id: true } },
      _count: { select: { reads: { where: { status: "COMPLETED" } } } },
    },
  });
  return { rows, total, page, pages, from: total === 0 ? 0 : (page - 1) * casesPerPage + 1, to: (page - 1) * casesPerPage + rows.length };
}
