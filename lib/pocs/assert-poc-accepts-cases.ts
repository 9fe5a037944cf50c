import type { PocStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

/** Cases may be submitted only while a PoC is running (after its governance gate and its start). */
export function assertPocAcceptsCases(poc: { status: PocStatus }): void {
  if (poc.status !== "RUNNING") throw new AppError("POC_NOT_RUNNING");
}
