import { createHash } from "node:crypto";
import type { ReadArm } from "@/lib/db/generated/enums";

/**
 * A uniform number in [0, 1) fixed by the PoC's recorded seed, the case and the reader, so the
 * allocation is random for the reader yet reproducible by anyone auditing the study.
 */
export function allocationDraw(seed: number, caseId: string, readerId: string): number {
  const digest = createHash("sha256").update(`${seed}:${caseId}:${readerId}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** Randomised design: the aided arm with probability `aidedShare`. */
export function randomisedArm(seed: number, caseId: string, readerId: string, aidedShare: number): ReadArm {
  return allocationDraw(seed, caseId, readerId) < aidedShare ? "AIDED" : "UNAIDED";
}

/** Crossover design: period 1's arm is a fair coin; period 2 reads the same case in the other arm. */
export function crossoverArms(seed: number, caseId: string, readerId: string): [ReadArm, ReadArm] {
  return allocationDraw(seed, caseId, readerId) < 0.5 ? ["AIDED", "UNAIDED"] : ["UNAIDED", "AIDED"];
}
