import { readFile } from "node:fs/promises";
import type { InferenceConfig } from "./inference-config";
import { InferenceError } from "./inference-error";
import { checkSessionAgainstManifest, modelManifestSchema, type ModelManifest, type ModelManifestV1, type ModelManifestV2 } from "./manifest";
import { getPooledSession, type PooledSession, type SessionPoolOptions } from "./session-pool";

export type LoadedModel = PooledSession & { manifest: ModelManifestV1 };

/** Model v2: the encoders graph and a head graph, each its own pooled session. */
export type LoadedEncoderHeadModel = {
  manifest: ModelManifestV2;
  encoders: PooledSession;
  head: PooledSession;
  /** The encoders' provider (the head is tiny and follows the same provider list). */
  provider: PooledSession["provider"];
};

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
  /** The model file (v1), or the encoders file (v2). */
  modelPath: string;
  /** The head file; v2 manifests only. */
  headPath?: string;
  /** Path of the manifest JSON, or the manifest itself. */
  manifest: string | unknown;
  config: Pick<InferenceConfig, "providers" | "intraOpThreads" | "interOpThreads">;
  createSession?: SessionPoolOptions["createSession"];
};

async function readManifest(options: LoadModelOptions): Promise<ModelManifest> {
  let manifestJson: unknown = options.manifest;
  if (typeof options.manifest === "string") {
    try {
      manifestJson = JSON.parse(await readFile(options.manifest, "utf8"));
    } catch (cause) {
      throw new InferenceError("MANIFEST_INVALID", { reason: "manifest file unreadable or not JSON" }, { cause });
    }
  }
  return parseModelManifest(manifestJson);
}

/** Parses the manifest, gets the pooled session and refuses a graph that breaks the manifest's contract. */
export async function loadModel(options: LoadModelOptions): Promise<LoadedModel> {
  const manifest = await readManifest(options);
  if (manifest.schemaVersion !== 1) throw new InferenceError("MANIFEST_INVALID", { reason: "schemaVersion 2 models load with loadEncoderHeadModel" });
  const pooled = await getPooledSession(options.modelPath, { ...options.config, createSession: options.createSession });
  const mismatches = checkSessionAgainstManifest(pooled.session, manifest);
  if (mismatches.length > 0) throw new InferenceError("MODEL_MISMATCH", { mismatches });
  return { ...pooled, manifest };
}

/** Loads both graphs of a v2 model; each must match its part of the manifest and its declared sha256. */
export async function loadEncoderHeadModel(options: LoadModelOptions & { headPath: string }): Promise<LoadedEncoderHeadModel> {
  const manifest = await readManifest(options);
  if (manifest.schemaVersion !== 2) throw new InferenceError("MANIFEST_INVALID", { reason: "schemaVersion 1 models load with loadModel" });
  const poolOptions = { ...options.config, createSession: options.createSession };
  const [encoders, head] = await Promise.all([getPooledSession(options.modelPath, poolOptions), getPooledSession(options.headPath, poolOptions)]);
  const mismatches = [...checkSessionAgainstManifest(encoders.session, manifest), ...checkSessionAgainstManifest(head.session, manifest.head)];
  if (encoders.modelSha256 !== manifest.files.encoders.sha256) mismatches.push({ code: "FILE_HASH", tensor: manifest.files.encoders.file });
  if (head.modelSha256 !== manifest.files.head.sha256) mismatches.push({ code: "FILE_HASH", tensor: manifest.files.head.file });
  if (mismatches.length > 0) throw new InferenceError("MODEL_MISMATCH", { mismatches });
  return { manifest, encoders, head, provider: encoders.provider };
}
