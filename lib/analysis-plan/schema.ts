import { z } from "zod";
import { kpiKeys } from "@/lib/kpi/kpi-definitions";

const endpoint = z.enum(kpiKeys);

/**
 * A PoC's statistical analysis plan, fixed before the PoC starts: endpoints, design, targets with the
 * precision at which they are judged, the effect the study is powered for, α and power, interim looks
 * with their alpha-spending rule, and subgroup analyses. Everything else the dashboard shows is exploratory.
 */
export const analysisPlanSchema = z.strictObject({
  primaryEndpoint: endpoint,
  secondaryEndpoints: z.array(endpoint).max(12),
  design: z.enum(["RANDOMISED", "CROSSOVER"]),
  plannedReaders: z.number().int().min(1).max(100),
  targets: z.array(z.strictObject({ kpi: endpoint, comparator: z.enum(["lte", "gte"]), targetValue: z.number().min(-1e6).max(1e6), precisionHalfWidth: z.number().positive().max(1e6) })).min(1).max(13),
  /** The smallest true effect the study must detect, on the primary endpoint's analysis scale (log ratio for reading time, proportion for rates). */
  minimumDetectableEffect: z.number().positive().max(1e6),
  /** Reading time: SD of log time (two-sample) or of the log ratio (paired). Proportions: the unaided rate. */
  nuisance: z.strictObject({ kind: z.enum(["standardDeviation", "baselineProportion"]), value: z.number().positive().max(1e6) }),
  /** Share of cases with the finding: turns positives (or negatives) needed into cases needed. */
  prevalence: z.number().gt(0).lte(1),
  alpha: z.number().min(0.001).max(0.2),
  power: z.number().min(0.5).max(0.99),
  interimLooks: z.number().int().min(0).max(4),
  alphaSpending: z.enum(["none", "obrienFleming", "pocock"]),
  subgroups: z.array(z.enum(["ageBand", "sex", "scannerVendor", "site"])).max(4),
}).refine((plan) => (plan.interimLooks === 0) === (plan.alphaSpending === "none"), { message: "interim looks need an alpha-spending rule, and a rule needs looks" })
  .refine((plan) => plan.targets.some((target) => target.kpi === plan.primaryEndpoint), { message: "the primary endpoint needs a target" });
export type AnalysisPlan = z.infer<typeof analysisPlanSchema>;
