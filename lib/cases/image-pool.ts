import "server-only";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { AppError } from "@/lib/errors";
import type { ImageTaskName, ImageTaskReply, ImageTaskRequest, ImageTasks } from "./image-tasks";

// Decoding, de-identifying and preprocessing images take seconds of CPU for a large file; on the
// event loop they stalled every other request (issue #11 §5). They run in worker threads instead.

/** One core stays with the event loop; the others decode. */
function imageWorkerThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** Tasks waiting beyond the running ones: eight full uploads. More is refused, not queued without end. */
const imageQueueLimit = 64;

const holder = globalThis as unknown as { __portalImagePool?: Piscina<ImageTaskRequest, ImageTaskReply> };

function imagePool(): Piscina<ImageTaskRequest, ImageTaskReply> {
  holder.__portalImagePool ??= new Piscina({
    // Resolved at run time from the project root, outside Next's bundle (see image-worker.mjs).
    filename: pathToFileURL(path.resolve(/*turbopackIgnore: true*/ process.cwd(), "lib/cases/image-worker.mjs")).href,
    minThreads: imageWorkerThreads(),
    maxThreads: imageWorkerThreads(),
    maxQueue: imageQueueLimit,
    idleTimeout: 10 * 60 * 1000,
    // Image work yields the CPU to request handling where the OS allows it.
    niceIncrement: process.platform === "win32" ? 0 : 5,
  });
  return holder.__portalImagePool;
}

/** Runs one image task in the pool; a refusal comes back as the AppError the task raised. */
export async function runImageTask<N extends ImageTaskName>(task: N, input: Parameters<ImageTasks[N]>[0]): Promise<ReturnType<ImageTasks[N]>> {
  const pool = imagePool();
  if (pool.queueSize >= imageQueueLimit) throw new AppError("SERVER_BUSY");
  let reply: ImageTaskReply;
  try {
    reply = await pool.run({ task, input } as ImageTaskRequest);
  } catch (error) {
    if (error instanceof Error && /queue is at limit/i.test(error.message)) throw new AppError("SERVER_BUSY");
    throw error;
  }
  if (reply.ok) return reply.value as ReturnType<ImageTasks[N]>;
  if (reply.code) throw new AppError(reply.code, reply.params);
  throw new Error(`image task ${task} failed: ${reply.errorName ?? "unknown"}`);
}
