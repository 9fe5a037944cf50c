// The slice of dcmjs 0.52 that lib/deid uses; the package ships no type declarations.
declare module "dcmjs" {
  /** One attribute in dcmjs's "denaturalized" form: keys of a dataset are 8-digit upper-case hex tags. */
  export type DcmjsElement = { vr: string; Value?: unknown[]; _rawValue?: unknown };
  export type DcmjsDataset = Record<string, DcmjsElement>;

  export type DcmjsReadOptions = {
    ignoreErrors?: boolean;
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
    forceStoreRaw?: boolean;
  };

  export class DicomDict {
    constructor(meta: DcmjsDataset);
    meta: DcmjsDataset;
    dict: DcmjsDataset;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }

  const dcmjs: {
    data: {
      DicomDict: typeof DicomDict;
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: DcmjsReadOptions): DicomDict };
      DicomMetaDictionary: {
        nameMap: Record<string, { tag: string; vr: string } | undefined>;
        /** Keyword-keyed ("PatientID") data set → tag-keyed data set (used by lib/pacs to build SR, SC and demo studies). */
        denaturalizeDataset(dataset: Record<string, unknown>): DcmjsDataset;
        naturalizeDataset(dataset: DcmjsDataset): Record<string, unknown>;
      };
    };
    log: { setLevel(level: "trace" | "debug" | "info" | "warn" | "error" | "silent"): void };
  };
  export default dcmjs;
}
