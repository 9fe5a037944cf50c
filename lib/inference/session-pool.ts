import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { InferenceSession } from "onnxruntime-node";
import type { ExecutionProviderName, InferenceConfig } from "./inference-config";
import { InferenceError } from "./inference-error";

type ProviderAttempt = { provider: ExecutionProviderName; ok: boolean; error?: string };

export type PooledSession = {
  session: InferenceSession;
  /** The execution provider the session was actually created with. */
  provider: ExecutionProviderName;
  attempts: ProviderAttempt[];
  modelPath: string;
  modelSha256: string;
};

export type CreateSession = (model: Uint8Array, options: InferenceSession.SessionOptions) => Promise<InferenceSession>;

export type SessionPoolOptions = Pick<InferenceConfig, "providers" | "intraOpThreads" | "interOpThreads"> & {
  /** Replaces InferenceSession.create; only tests use it, to isolate the fallback logic. */
  createSession?: CreateSession;
};

const defaultCreateSession: CreateSession = (model, options) => InferenceSession.create(model, options);

// One session per model file and thread/provider setting, created once per process: creating a
// session parses and optimises the graph (milliseconds to seconds), running it is sub-millisecond.
const sessions = new Map<string, Promise<PooledSession>>();

export function getPooledSession(modelPath: string, options: SessionPoolOptions): Promise<PooledSession> {
  const resolved = path.resolve(modelPath);
  const key = JSON.stringify([resolved, options.providers, options.intraOpThreads, options.interOpThreads]);
  let pending = sessions.get(key);
  if (!pending) {
    pending = createWithFallback(resolved, options);
    // A failed load is not cached: the next request may find the file or the GPU again.
    pending.catch(() => sessions.delete(key));
    sessions.set(key, pending);
  }
  return pending;
}

async function createWithFallback(modelPath: string, options: SessionPoolOptions): Promise<PooledSession> {
  let model: Uint8Array;
  try {
    model = await readFile(modelPath);
  } catch (cause) {
    throw new InferenceError("MODEL_LOAD_FAILED", { reason: "model file unreadable", file: path.basename(modelPath) }, { cause });
  }
  const modelSha256 = createHash("sha256").update(model).digest("hex");
  const create = options.createSession ?? defaultCreateSession;
  const attempts: ProviderAttempt[] = [];
  for (const provider of options.providers) {
    try {
      const session = await create(model, {
        executionProviders: [provider],
        intraOpNumThreads: options.intraOpThreads,
        interOpNumThreads: options.interOpThreads,
        graphOptimizationLevel: "all",
        // onnxruntime logs a failed provider library at error level; the attempt list records it.
        logSeverityLevel: 3,
      });
      attempts.push({ provider, ok: true });
      return { session, provider, attempts, modelPath, modelSha256 };
    } catch (error) {
      attempts.push({ provider, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  throw new InferenceError("MODEL_LOAD_FAILED", { reason: "no execution provider could load the model", attempts });
}

export async function releaseAllSessions(): Promise<void> {
  const pending = [...sessions.values()];
  sessions.clear();
  await Promise.all(
    pending.map(async (entry) => {
      const pooled = await entry.catch(() => null);
      await pooled?.session.release();
    }),
  );
}
