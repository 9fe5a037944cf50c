import { boundaryOf, buildMultipartRelated, parseMultipartRelated } from "./multipart-related";

// A small DICOMweb client (PS3.18): QIDO-RS study search, WADO-RS study retrieve, STOW-RS store.
// Every failure becomes a PacsError with a code the import reports per study; the message never
// carries identifiers (a URL with a query is reduced to its path).

export type DicomWebConnection = {
  /** Base URL of the DICOMweb service, e.g. http://pacs:8042/dicom-web */
  baseUrl: string;
  username?: string;
  password?: string;
  /** Per request, whole body included. */
  timeoutMs?: number;
};

export type PacsErrorCode = "PACS_UNREACHABLE" | "PACS_TIMEOUT" | "PACS_HTTP_ERROR" | "PACS_BAD_RESPONSE" | "PACS_AUTH_FAILED" | "PACS_NOT_FOUND" | "PACS_TOO_LARGE";

export class PacsError extends Error {
  constructor(
    readonly code: PacsErrorCode,
    readonly status?: number,
  ) {
    super(status ? `${code} (HTTP ${status})` : code);
    this.name = "PacsError";
  }
}

export function isPacsError(error: unknown): error is PacsError {
  return error instanceof PacsError;
}

/** A DICOM JSON data set (PS3.18 F.2): tag → {vr, Value}. */
export type DicomJson = Record<string, { vr: string; Value?: unknown[] } | undefined>;

export type StudySearch = {
  accessionNumber?: string;
  patientId?: string;
  /** YYYYMMDD, inclusive */
  studyDateFrom?: string;
  studyDateTo?: string;
  modality?: string;
  studyDescription?: string;
  limit?: number;
};

export type StudySummary = {
  studyInstanceUid: string;
  patientId: string;
  patientName: string;
  accessionNumber: string;
  studyDate: string;
  studyDescription: string;
  modalities: string[];
  instances: number;
};

function authHeader(connection: DicomWebConnection): Record<string, string> {
  if (!connection.username) return {};
  return { authorization: `Basic ${Buffer.from(`${connection.username}:${connection.password ?? ""}`).toString("base64")}` };
}

async function request(connection: DicomWebConnection, pathAndQuery: string, init: RequestInit & { maxBytes?: number } = {}): Promise<{ response: Response; body: Uint8Array }> {
  const url = `${connection.baseUrl.replace(/\/+$/, "")}${pathAndQuery}`;
  const signal = AbortSignal.timeout(connection.timeoutMs ?? 60_000);
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { ...authHeader(connection), ...(init.headers as Record<string, string>) }, signal });
  } catch (error) {
    throw new PacsError(isTimeout(error) ? "PACS_TIMEOUT" : "PACS_UNREACHABLE");
  }
  if (response.status === 401 || response.status === 403) throw new PacsError("PACS_AUTH_FAILED", response.status);
  if (response.status === 404) throw new PacsError("PACS_NOT_FOUND", 404);
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (init.maxBytes !== undefined && Number.isFinite(declared) && declared > init.maxBytes) throw new PacsError("PACS_TOO_LARGE");
  let body: Uint8Array;
  try {
    body = await readLimited(response, init.maxBytes);
  } catch (error) {
    if (isPacsError(error)) throw error;
    throw new PacsError(isTimeout(error) ? "PACS_TIMEOUT" : "PACS_UNREACHABLE");
  }
  if (!response.ok && response.status !== 202) throw new PacsError("PACS_HTTP_ERROR", response.status);
  return { response, body };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError" || (error.cause instanceof Error && error.cause.name === "TimeoutError"));
}

async function readLimited(response: Response, maxBytes = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new PacsError("PACS_TOO_LARGE");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function dicomJsonString(dataset: DicomJson, tag: string): string {
  const value = dataset[tag]?.Value?.[0];
  if (value === undefined || value === null) return "";
  if (typeof value === "object" && "Alphabetic" in (value as Record<string, unknown>)) return String((value as { Alphabetic?: string }).Alphabetic ?? "");
  return String(value);
}

/** QIDO-RS /studies with the portal's search fields; matching on description is a wildcard. */
export async function searchStudies(connection: DicomWebConnection, search: StudySearch): Promise<StudySummary[]> {
  const query = new URLSearchParams();
  if (search.accessionNumber) query.set("AccessionNumber", search.accessionNumber);
  if (search.patientId) query.set("PatientID", search.patientId);
  if (search.studyDateFrom || search.studyDateTo) query.set("StudyDate", `${search.studyDateFrom ?? ""}-${search.studyDateTo ?? ""}`);
  if (search.modality) query.set("ModalitiesInStudy", search.modality);
  if (search.studyDescription) query.set("StudyDescription", `*${search.studyDescription}*`);
  query.set("limit", String(search.limit ?? 100));
  for (const field of ["00100020", "00100010", "00080050", "00080020", "00081030", "00080061", "00201208"]) query.append("includefield", field);
  const { body } = await request(connection, `/studies?${query.toString()}`, { headers: { accept: "application/dicom+json" }, maxBytes: 16 * 1024 * 1024 });
  if (body.byteLength === 0) return [];
  let datasets: DicomJson[];
  try {
    datasets = JSON.parse(Buffer.from(body).toString("utf8"));
    if (!Array.isArray(datasets)) throw new Error("not an array");
  } catch {
    throw new PacsError("PACS_BAD_RESPONSE");
  }
  return datasets.map((dataset) => ({
    studyInstanceUid: dicomJsonString(dataset, "0020000D"),
    patientId: dicomJsonString(dataset, "00100020"),
    patientName: dicomJsonString(dataset, "00100010"),
    accessionNumber: dicomJsonString(dataset, "00080050"),
    studyDate: dicomJsonString(dataset, "00080020"),
    studyDescription: dicomJsonString(dataset, "00081030"),
    modalities: (dataset["00080061"]?.Value ?? []).map(String),
    instances: Number(dicomJsonString(dataset, "00201208") || 0),
  }));
}

/** WADO-RS: every instance of a study as DICOM Part 10 bytes, as stored (transfer syntax "*"). */
export async function retrieveStudy(connection: DicomWebConnection, studyInstanceUid: string, { maxBytes = 512 * 1024 * 1024 } = {}): Promise<Uint8Array[]> {
  const { response, body } = await request(connection, `/studies/${encodeURIComponent(studyInstanceUid)}`, {
    headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' },
    maxBytes,
  });
  const boundary = boundaryOf(response.headers.get("content-type") ?? "");
  if (!boundary) throw new PacsError("PACS_BAD_RESPONSE");
  try {
    return parseMultipartRelated(body, boundary).map((part) => part.body);
  } catch {
    throw new PacsError("PACS_BAD_RESPONSE");
  }
}

/** STOW-RS: stores DICOM Part 10 instances; returns the PACS's response data set (DICOM JSON). */
export async function storeInstances(connection: DicomWebConnection, instances: Uint8Array[], studyInstanceUid?: string): Promise<DicomJson> {
  const { body, contentType } = buildMultipartRelated(instances, "application/dicom");
  const target = studyInstanceUid ? `/studies/${encodeURIComponent(studyInstanceUid)}` : "/studies";
  const { body: answer } = await request(connection, target, { method: "POST", headers: { "content-type": contentType, accept: "application/dicom+json" }, body: Buffer.from(body), maxBytes: 16 * 1024 * 1024 });
  try {
    return answer.byteLength ? (JSON.parse(Buffer.from(answer).toString("utf8")) as DicomJson) : {};
  } catch {
    throw new PacsError("PACS_BAD_RESPONSE");
  }
}

/** WADO-RS metadata of every instance of a study (DICOM JSON, bulk data left out). */
export async function retrieveStudyMetadata(connection: DicomWebConnection, studyInstanceUid: string): Promise<DicomJson[]> {
  const { body } = await request(connection, `/studies/${encodeURIComponent(studyInstanceUid)}/metadata`, { headers: { accept: "application/dicom+json" }, maxBytes: 64 * 1024 * 1024 });
  try {
    const parsed = JSON.parse(Buffer.from(body).toString("utf8"));
    if (!Array.isArray(parsed)) throw new Error("not an array");
    return parsed as DicomJson[];
  } catch {
    throw new PacsError("PACS_BAD_RESPONSE");
  }
}
