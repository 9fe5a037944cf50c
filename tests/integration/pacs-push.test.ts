import { createServer, type Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setProcessDatabase } from "@/lib/db/client";
import { registerImportWorkers, setProcessJobQueue } from "@/lib/integrations/job-runtime";
import { receiveStowRequest } from "@/lib/integrations/receive-stow-request";
import { createPocApiToken, revokePocApiToken } from "@/lib/integrations/poc-api-tokens";
import { createInProcessQueue } from "@/lib/jobs/in-process-queue";
import type { JobQueue } from "@/lib/jobs/job-queue";
import { registerReferenceModel } from "@/lib/models/register-reference-model";
import { buildDemoStudy } from "@/lib/pacs/demo-studies";
import { freePort, startOrthanc, type RunningOrthanc } from "@/lib/pacs/orthanc-process";
import { buildPoc, buildSite, buildUser } from "./builders";
import { createTestDatabase, type TestDatabase } from "./test-database";

process.env.AUTH_SECRET ??= "pacs-push-test-secret-0123456789";

// The STOW-RS route served over HTTP so a real Orthanc can push to it, as a hospital router would.
async function serveStowRoute(port: number): Promise<Server> {
  const server = createServer(async (incoming, outgoing) => {
    const pocId = /^\/api\/pocs\/([^/]+)\/dicomweb\/studies$/.exec(incoming.url ?? "")?.[1];
    if (!pocId || incoming.method !== "POST") {
      outgoing.writeHead(404).end();
      return;
    }
    const request = new Request(`http://127.0.0.1:${port}${incoming.url}`, { method: "POST", headers: incoming.headers as Record<string, string>, body: Readable.toWeb(incoming) as ReadableStream, duplex: "half" } as RequestInit);
    const response = await receiveStowRequest(request, pocId);
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

describe("STOW-RS push from a PACS router (PGlite)", () => {
  let database: TestDatabase;
  let orthanc: RunningOrthanc;
  let orthancDir: string;
  let server: Server;
  let queue: JobQueue;
  let pocId: string;
  let otherPocId: string;
  let tokenId: string;
  const study = buildDemoStudy(0, { seed: "push" });
  const second = buildDemoStudy(1, { seed: "push" });

  const orthancRest = (pathname: string, init: RequestInit = {}) =>
    fetch(`${orthanc.restUrl}${pathname}`, { ...init, headers: { authorization: `Basic ${Buffer.from("portal:pacs-pass").toString("base64")}`, ...(init.headers as Record<string, string>) } });
  const upload = async (bytes: Uint8Array) => ((await (await orthancRest("/instances", { method: "POST", body: Buffer.from(bytes) })).json()) as { ID: string }).ID;
  const push = (server: string, ids: string[]) => orthancRest(`/dicom-web/servers/${server}/stow`, { method: "POST", body: JSON.stringify({ Resources: ids }) });

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    setProcessDatabase(database.db);
    queue = createInProcessQueue({ retryDelaySeconds: 0.05 });
    setProcessJobQueue(queue);
    await registerImportWorkers(database.db, queue, { concurrency: 2 });
    const site = await buildSite(database.db);
    const admin = await buildUser(database.db, { role: "ADMIN" });
    const model = await registerReferenceModel(database.db);
    pocId = (await buildPoc(database.db, { siteId: site.id, modelVersionId: model.id })).id;
    otherPocId = (await buildPoc(database.db, { siteId: site.id, modelVersionId: model.id })).id;
    const token = await createPocApiToken(database.db, { id: admin.id, role: "ADMIN" }, { pocId, label: "router" });
    tokenId = token.id;
    const port = await freePort();
    server = await serveStowRoute(port);
    orthancDir = await mkdtemp(path.join(tmpdir(), "mmfm-orthanc-push-"));
    const base = `http://127.0.0.1:${port}/api/pocs`;
    orthanc = await startOrthanc({
      dataDir: orthancDir,
      username: "portal",
      password: "pacs-pass",
      dicomWebServers: {
        portal: { url: `${base}/${pocId}/dicomweb`, headers: { Authorization: `Bearer ${token.token}` } },
        wrongPoc: { url: `${base}/${otherPocId}/dicomweb`, headers: { Authorization: `Bearer ${token.token}` } },
      },
    });
  });
  afterAll(async () => {
    await queue?.stop();
    await orthanc?.stop();
    await new Promise((resolve) => server?.close(resolve));
    await rm(orthancDir, { recursive: true, force: true });
    await database?.drop();
  });

  it("imports a study Orthanc pushes, once, however often it is pushed", async () => {
    const id = await upload(study.instances[0]!);
    expect((await push("portal", [id])).status).toBe(200);
    expect((await push("portal", [id])).status).toBe(200);
    const cases = await database.db.case.findMany({ where: { pocId } });
    expect(cases).toHaveLength(1);
    const jobs = await database.db.importJob.findMany({ where: { pocId, source: "PUSH" }, include: { studies: true } });
    expect(jobs).toHaveLength(2);
    expect(jobs.flatMap((job) => job.studies.map((row) => row.caseId))).toEqual([cases[0]!.id, cases[0]!.id]);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "pacs.push", outcome: "SUCCESS" } });
    expect(audit.details).toMatchObject({ pocId, tokenId, studies: 1, instances: 1, failedInstances: 0 });
  });

  it("refuses the token for another PoC and a revoked token, audited, storing nothing", async () => {
    const before = await database.db.case.count();
    const id = await upload(second.instances[0]!);
    expect((await push("wrongPoc", [id])).ok).toBe(false);
    const denied = await database.db.auditEvent.findFirstOrThrow({ where: { action: "pacs.push", outcome: "DENIED" } });
    expect(denied.details).toMatchObject({ tokenPocId: pocId, requestedPocId: otherPocId });
    await revokePocApiToken(database.db, { id: "admin", role: "ADMIN" }, tokenId);
    expect((await push("portal", [id])).ok).toBe(false);
    expect(await database.db.case.count()).toBe(before);
  });
});
