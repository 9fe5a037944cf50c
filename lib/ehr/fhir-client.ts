import { bundleSchema, loincSystem, type Bundle } from "./schema";

// A FHIR R4 client for the one question the portal asks an EHR: this patient's lab Observations
// with these LOINC codes in this period. Standard searches only (Patient?identifier=,
// Observation?patient=&code=&date=), following the Bundle's "next" links.

export type FhirConnection = {
  baseUrl: string;
  /** "Bearer <token>" or a basic-auth pair; the EHR decides which it accepts. */
  bearerToken?: string;
  username?: string;
  password?: string;
  timeoutMs?: number;
};

export type FhirErrorCode = "EHR_UNREACHABLE" | "EHR_HTTP_ERROR" | "EHR_BAD_RESPONSE" | "EHR_AUTH_FAILED";

export class FhirError extends Error {
  constructor(readonly code: FhirErrorCode) {
    super(code);
    this.name = "FhirError";
  }
}

export function isFhirError(error: unknown): error is FhirError {
  return error instanceof FhirError;
}

const maxPages = 20;

function headers(connection: FhirConnection): Record<string, string> {
  const base: Record<string, string> = { accept: "application/fhir+json" };
  if (connection.bearerToken) base.authorization = `Bearer ${connection.bearerToken}`;
  else if (connection.username) base.authorization = `Basic ${Buffer.from(`${connection.username}:${connection.password ?? ""}`).toString("base64")}`;
  return base;
}

async function getBundle(connection: FhirConnection, url: string): Promise<Bundle> {
  let response: Response;
  try {
    response = await fetch(url, { headers: headers(connection), signal: AbortSignal.timeout(connection.timeoutMs ?? 30_000) });
  } catch {
    throw new FhirError("EHR_UNREACHABLE");
  }
  if (response.status === 401 || response.status === 403) throw new FhirError("EHR_AUTH_FAILED");
  if (!response.ok) throw new FhirError("EHR_HTTP_ERROR");
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new FhirError("EHR_BAD_RESPONSE");
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) throw new FhirError("EHR_BAD_RESPONSE");
  return parsed.data;
}

async function searchAll(connection: FhirConnection, firstUrl: string): Promise<Record<string, unknown>[]> {
  const resources: Record<string, unknown>[] = [];
  let url: string | undefined = firstUrl;
  for (let page = 0; url && page < maxPages; page++) {
    const bundle: Bundle = await getBundle(connection, url);
    for (const entry of bundle.entry ?? []) if (entry.resource) resources.push(entry.resource);
    const next: string | undefined = bundle.link?.find((link) => link.relation === "next")?.url;
    // A next link must stay on the configured server: never send credentials elsewhere.
    url = next && new URL(next).origin === new URL(connection.baseUrl).origin ? next : undefined;
  }
  return resources;
}

/**
 * The patient's Observations with any of `loincCodes`, effective in [from, to]. The patient is found
 * by the identifier the PACS knows (PatientID); no match gives an empty list, not an error.
 */
export async function fetchLabObservations(connection: FhirConnection, patientIdentifier: string, loincCodes: string[], from: Date, to: Date): Promise<unknown[]> {
  const base = connection.baseUrl.replace(/\/+$/, "");
  const patients = await searchAll(connection, `${base}/Patient?${new URLSearchParams({ identifier: patientIdentifier, _elements: "id" })}`);
  const ids = patients.filter((patient) => patient.resourceType === "Patient" && typeof patient.id === "string").map((patient) => patient.id as string);
  if (ids.length === 0 || loincCodes.length === 0) return [];
  const query = new URLSearchParams({ patient: ids.join(","), code: loincCodes.map((code) => `${loincSystem}|${code}`).join(","), _count: "200" });
  query.append("date", `ge${from.toISOString()}`);
  query.append("date", `le${to.toISOString()}`);
  const resources = await searchAll(connection, `${base}/Observation?${query}`);
  // Servers may add OperationOutcome entries (search mode "outcome"); anything else is for selectLabValues to judge.
  return resources.filter((resource) => resource.resourceType !== "OperationOutcome");
}
