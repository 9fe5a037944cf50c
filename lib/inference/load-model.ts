import { readFile } from "node:fs/promises";
import type { InferenceConfig } from "./inference-config";
import { InferenceError } from "./inference-error";
import { checkSessionAgainstManifest, modelManifestSchema, type ModelManifest } from "./manifest";
import { getPooledSession, type PooledSession, type SessionPoolOptions } from "./session-pool";

export type LoadedModel = PooledSession & { manifest: ModelManifest };

export function parseModelManifest(json: unknown): ModelManifest {
  const parsed = modelManifestSchema.safeParse(json);
  if (!parsed.success) {
    // Paths and messages only: a manifest holds no patient data, but keep the details small.
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    throw new InferenceError("MANIFEST_INVALID", { issues });
  }
  return parsed.data;
}

export type LoadModelOptions = {
  modelPath: string;
  /** Path of the manifest JSON, or the manifest itself. */
  manifest: string | unknown;
  config: Pick<InferenceConfig, "providers" | "intraOpThreads" | "interOpThreads">;
  createSession?: SessionPoolOptions["createSession"];
};

/** Parses the manifest, gets the pooled session and refuses a graph that breaks the manifest's contract. */
export async function loadModel(options: LoadModelOptions): Promise<LoadedModel> {
  let manifestJson: unknown = options.manifest;
  if (typeof options.manifest === "string") {
    try {
      manifestJson = JSON.parse(await readFile(options.manifest, "utf8"));
    } catch (cause) {
      throw new InferenceError("MANIFEST_INVALID", { reason: "manifest file unreadable or not JSON" }, { cause });
    }
  }
  const manifest = parseModelManifest(manifestJson);
  const pooled = await getPooledSession(options.modelPath, { ...options.config, createSession: options.createSession });
  const mismatches = checkSessionAgainstManifest(pooled.session, manifest);
  if (mismatches.length > 0) throw new InferenceError("MODEL_MISMATCH", { mismatches });
  return { ...pooled, manifest };
}
