import { move, transferableSymbol, valueSymbol } from "piscina";
import type { DeidKeys, FileKind } from "@/lib/deid/schema";
import { isAppError, type ErrorCode } from "@/lib/errors";
import type { ImagePreprocessing } from "@/lib/inference/manifest";
import { preprocessImageBytes } from "@/lib/inference/preprocess-image";
import { prepareUploadFile } from "./prepare-upload-file";
import { decodeViewerFrame } from "./render-image-frame";

// The CPU-heavy image work, as plain functions the worker threads run (image-worker.mjs). Nothing
// here touches the database, the file system or the log.
const imageTasks = {
  prepareUploadFile: (input: { file: { bytes: Uint8Array; kind: FileKind }; index: number; keys: DeidKeys }) => prepareUploadFile(input.file, input.index, input.keys),
  preprocessImage: (input: { bytes: Uint8Array; spec: ImagePreprocessing }) => preprocessImageBytes(input.bytes, input.spec),
  decodeViewerFrame: (input: { bytes: Uint8Array; frameIndex: number }) => decodeViewerFrame(input.bytes, input.frameIndex),
};

export type ImageTasks = typeof imageTasks;
export type ImageTaskName = keyof ImageTasks;
export type ImageTaskRequest<N extends ImageTaskName = ImageTaskName> = { task: N; input: Parameters<ImageTasks[N]>[0] };
/** Errors do not survive the trip between threads with their class, so a refusal travels as data. */
export type ImageTaskReply<N extends ImageTaskName = ImageTaskName> =
  | { ok: true; value: ReturnType<ImageTasks[N]> }
  | { ok: false; code: ErrorCode | null; params?: Record<string, string | number>; errorName?: string };

function bigBuffers(value: unknown): ArrayBuffer[] {
  // The result's one large typed array (file bytes, tensor, plane) is moved, not copied, if it owns its buffer.
  const candidates = value && typeof value === "object" ? [value, ...Object.values(value)] : [];
  return candidates.flatMap((item) =>
    ArrayBuffer.isView(item) && item.byteOffset === 0 && item.byteLength === item.buffer.byteLength && item.buffer instanceof ArrayBuffer ? [item.buffer] : [],
  );
}

/** The worker's entry: runs one task and returns its reply, moving large buffers back. */
export function runImageTaskHere(request: ImageTaskRequest): ImageTaskReply | ReturnType<typeof move> {
  let reply: ImageTaskReply;
  try {
    const run = imageTasks[request.task] as (input: unknown) => ReturnType<ImageTasks[ImageTaskName]>;
    reply = { ok: true, value: run(request.input) };
  } catch (error) {
    // Only a code (and its safe parameters) goes back: a defect's message could quote file content.
    reply = isAppError(error) ? { ok: false, code: error.code, params: error.params } : { ok: false, code: null, errorName: error instanceof Error ? error.name : typeof error };
  }
  const transfer = reply.ok ? bigBuffers(reply.value) : [];
  // move() also takes an object carrying its transfer list under transferableSymbol; its types name buffers only.
  return transfer.length > 0 ? move({ [transferableSymbol]: transfer, [valueSymbol]: reply } as unknown as ArrayBuffer) : reply;
}
