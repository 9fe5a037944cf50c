// Runs once when the server process starts (Next's instrumentation hook), never during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { sweepOrphanBlobsAtStartup } = await import("@/lib/storage/sweep-at-startup");
  sweepOrphanBlobsAtStartup();
}
