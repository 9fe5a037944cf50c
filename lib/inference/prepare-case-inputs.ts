import type { ImageSizeLimits } from "./decoded-image";
import type { ModelManifest } from "./manifest";
import { normaliseLabs, type LabValues } from "./normalise-labs";
import { preprocessImageBytes } from "./preprocess-image";
import type { CaseInputs } from "./run-inference";
import { tokenizeNote } from "./tokenize-note";

export type RawCase = {
  /** DICOM or PNG file contents; null/undefined = no image. */
  imageBytes?: Uint8Array | null;
  labs?: LabValues | null;
  note?: string | null;
};

/** Upload contents -> model-ready inputs, all driven by the manifest. A blank note counts as withheld. */
export function prepareCaseInputs(raw: RawCase, manifest: ModelManifest, options: { frameIndex?: number; limits?: ImageSizeLimits } = {}): CaseInputs {
  const { image, labs, note } = manifest.preprocessing;
  return {
    image: raw.imageBytes ? preprocessImageBytes(raw.imageBytes, image, options) : null,
    labs: raw.labs ? normaliseLabs(raw.labs, labs) : null,
    noteTokens: raw.note && raw.note.trim() !== "" ? tokenizeNote(raw.note, note.tokenizer).tokens : null,
  };
}
