import { createServer, type Server } from "node:http";

// A small FHIR R4 endpoint for the demo and the tests only (no FHIR server installs from npm or
// Debian here): Patient?identifier= and Observation?patient=&code=&date= over in-memory resources,
// searchset Bundles with paging, bearer-token auth. `mode` lets tests make it misbehave.

export type DemoFhirServer = {
  baseUrl: string;
  token: string;
  addPatient: (identifier: string) => string;
  addObservation: (observation: Record<string, unknown>) => void;
  mode: "normal" | "garbage" | "error";
  stop: () => Promise<void>;
};

function bundle(resources: Record<string, unknown>[], baseUrl: string, nextUrl?: string) {
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: resources.length,
    link: [{ relation: "self", url: baseUrl }, ...(nextUrl ? [{ relation: "next", url: nextUrl }] : [])],
    entry: resources.map((resource) => ({ fullUrl: `${baseUrl.split("?")[0]!.replace(/\/[A-Za-z]+$/, "")}/${String(resource.resourceType)}/${String(resource.id)}`, resource, search: { mode: "match" } })),
  };
}

function matchesDate(effective: string | undefined, filters: string[]): boolean {
  if (!effective) return filters.length === 0;
  const time = new Date(effective).getTime();
  return filters.every((filter) => {
    const prefix = filter.slice(0, 2);
    const bound = new Date(filter.slice(2)).getTime();
    if (prefix === "ge") return time >= bound;
    if (prefix === "le") return time <= bound;
    if (prefix === "gt") return time > bound;
    if (prefix === "lt") return time < bound;
    return true;
  });
}

export async function startDemoFhirServer({ port = 0, token = "demo-ehr-token", pageSize = 5 }: { port?: number; token?: string; pageSize?: number } = {}): Promise<DemoFhirServer> {
  const patients = new Map<string, string>();
  const observations: Record<string, unknown>[] = [];
  let baseUrl = "";
  const state: { mode: DemoFhirServer["mode"] } = { mode: "normal" };

  const server: Server = createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/fhir+json" });
      response.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${token}`) return send(401, { resourceType: "OperationOutcome", issue: [{ severity: "error", code: "login" }] });
    if (state.mode === "garbage") return send(200, "<html>not fhir</html>");
    if (state.mode === "error") return send(500, { resourceType: "OperationOutcome", issue: [{ severity: "fatal", code: "exception" }] });
    const url = new URL(request.url ?? "/", baseUrl);
    const resourceType = url.pathname.split("/").filter(Boolean).at(-1);
    const self = `${baseUrl}${url.pathname.replace(/^\/fhir/, "")}${url.search}`;
    if (resourceType === "Patient") {
      const id = patients.get(url.searchParams.get("identifier") ?? "");
      return send(200, bundle(id ? [{ resourceType: "Patient", id }] : [], self));
    }
    if (resourceType === "Observation") {
      const patientIds = (url.searchParams.get("patient") ?? "").split(",");
      const codes = (url.searchParams.get("code") ?? "").split(",").map((token) => token.split("|").at(-1));
      const dates = url.searchParams.getAll("date");
      const matching = observations.filter((observation) => {
        const subject = (observation.subject as { reference?: string } | undefined)?.reference?.replace("Patient/", "");
        const coding = ((observation.code as { coding?: { code?: string }[] }).coding ?? []).map((entry) => entry.code);
        return patientIds.includes(subject ?? "") && coding.some((code) => codes.includes(code)) && matchesDate(observation.effectiveDateTime as string | undefined, dates);
      });
      const offset = Number(url.searchParams.get("_offset") ?? 0);
      const page = matching.slice(offset, offset + pageSize);
      const next = offset + pageSize < matching.length ? (() => {
        const nextUrl = new URL(self);
        nextUrl.searchParams.set("_offset", String(offset + pageSize));
        return nextUrl.toString();
      })() : undefined;
      return send(200, bundle(page, self, next));
    }
    return send(404, { resourceType: "OperationOutcome", issue: [{ severity: "error", code: "not-found" }] });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}/fhir`;
  let nextPatient = 1;
  return {
    baseUrl,
    token,
    get mode() {
      return state.mode;
    },
    set mode(value) {
      state.mode = value;
    },
    addPatient: (identifier) => {
      const existing = patients.get(identifier);
      if (existing) return existing;
      const id = `pat-${nextPatient++}`;
      patients.set(identifier, id);
      return id;
    },
    addObservation: (observation) => observations.push(observation),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A plausible demo lab panel for one patient, taken `hoursBefore` the study, as FHIR Observations. */
export function demoLabObservations(patientId: string, studyTime: Date, { hoursBefore = 3, abnormal = false, idPrefix = "obs" } = {}): Record<string, unknown>[] {
  const effective = new Date(studyTime.getTime() - hoursBefore * 3_600_000).toISOString();
  const panel: [string, string, number, string][] = [
    ["6690-2", "Leukocytes [#/volume] in Blood", abnormal ? 14.2 : 7.1, "10*3/uL"],
    ["1988-5", "C reactive protein [Mass/volume] in Serum or Plasma", abnormal ? 81 : 3, "mg/L"],
    ["33959-8", "Procalcitonin [Mass/volume] in Serum or Plasma", abnormal ? 0.9 : 0.05, "ng/mL"],
    ["770-8", "Neutrophils/100 leukocytes in Blood", abnormal ? 82 : 60, "%"],
    ["736-9", "Lymphocytes/100 leukocytes in Blood", abnormal ? 10 : 28, "%"],
    ["2532-0", "Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma", abnormal ? 260 : 190, "U/L"],
    ["59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", abnormal ? 91 : 98, "%"],
    ["8310-5", "Body temperature", abnormal ? 101.3 : 98.4, "[degF]"],
  ];
  return panel.map(([code, display, value, unit], index) => ({
    resourceType: "Observation",
    id: `${idPrefix}-${index + 1}`,
    status: "final",
    category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: code === "8310-5" || code === "59408-5" ? "vital-signs" : "laboratory" }] }],
    code: { coding: [{ system: "http://loinc.org", code, display }], text: display },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: effective,
    valueQuantity: { value, unit, system: "http://unitsofmeasure.org", code: unit },
  }));
}
