import { z } from "zod";

const idSchema = z.string().min(1).max(64);
// A read longer than 4 hours is not a read but a forgotten tab.
const durationMs = z.number().int().min(0).max(4 * 3600 * 1000);

export const startReadSchema = z.strictObject({ readId: idSchema });
export type StartReadInput = z.infer<typeof startReadSchema>;

export const completeReadSchema = z
  .strictObject({
    readId: idSchema,
    finalCall: z.boolean(),
    confidence: z.number().int().min(0).max(100),
    /** Concurrent mode asks the reader; second-reader mode derives it from first vs final call. */
    changedAfterAi: z.boolean().nullable().default(null),
    usefulness: z.number().int().min(1).max(5).nullable().default(null),
    aiOpened: z.boolean().default(false),
    totalMs: durationMs,
    activeMs: durationMs,
  })
  .refine((input) => input.activeMs <= input.totalMs, { path: ["activeMs"], message: "active time exceeds total time" });
export type CompleteReadInput = z.infer<typeof completeReadSchema>;

export const recordFirstCallSchema = z.strictObject({ readId: idSchema, firstCall: z.boolean() });
export type RecordFirstCallInput = z.infer<typeof recordFirstCallSchema>;

export const abandonReadSchema = z.strictObject({ readId: idSchema });
export type AbandonReadInput = z.infer<typeof abandonReadSchema>;
