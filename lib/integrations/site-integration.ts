import "server-only";
import { actorFields, recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { Db } from "@/lib/db/client";
import type { FhirConnection } from "@/lib/ehr/fhir-client";
import type { DicomWebConnection } from "@/lib/pacs/dicomweb-client";
import { openIntegrationSecret, sealIntegrationSecret, sealPurposes } from "./integration-keys";
import type { SiteIntegrationInput } from "./schema";

export type SiteConnections = { pacs: DicomWebConnection | null; ehr: FhirConnection | null; labWindowHours: number };

/** What an admin sees: URLs and whether a secret is set, never the secret. */
export async function describeSiteIntegration(db: Db, siteId: string) {
  const site = await db.site.findUnique({ where: { id: siteId }, select: { id: true, code: true, nameJa: true, nameEn: true } });
  if (!site) return null;
  const row = await db.siteIntegration.findUnique({ where: { siteId } });
  return {
    site,
    dicomWebUrl: row?.dicomWebUrl ?? "",
    dicomWebUsername: row?.dicomWebUsername ?? "",
    dicomWebPasswordSet: Boolean(row?.dicomWebSecret),
    fhirUrl: row?.fhirUrl ?? "",
    fhirAuth: (row?.fhirAuth ?? "none") as SiteIntegrationInput["fhirAuth"],
    fhirUsername: row?.fhirUsername ?? "",
    fhirSecretSet: Boolean(row?.fhirSecret),
    labWindowHours: row?.labWindowHours ?? 72,
  };
}

/** The site's connections with their secrets opened, for this request or job only. */
export async function loadSiteConnections(db: Db, siteId: string): Promise<SiteConnections> {
  const row = await db.siteIntegration.findUnique({ where: { siteId } });
  if (!row) return { pacs: null, ehr: null, labWindowHours: 72 };
  const pacs = row.dicomWebUrl
    ? { baseUrl: row.dicomWebUrl, username: row.dicomWebUsername ?? undefined, password: row.dicomWebSecret ? openIntegrationSecret(row.dicomWebSecret, sealPurposes.credential) : undefined }
    : null;
  let ehr: FhirConnection | null = null;
  if (row.fhirUrl) {
    const secret = row.fhirSecret ? openIntegrationSecret(row.fhirSecret, sealPurposes.credential) : undefined;
    ehr = { baseUrl: row.fhirUrl, ...(row.fhirAuth === "bearer" ? { bearerToken: secret } : row.fhirAuth === "basic" ? { username: row.fhirUsername ?? "", password: secret } : {}) };
  }
  return { pacs, ehr, labWindowHours: row.labWindowHours };
}

/** Saves an admin's settings; a blank secret keeps the sealed one. Audited without URLs or secrets. */
export async function saveSiteIntegration(db: Db, admin: AuditActor, input: SiteIntegrationInput): Promise<void> {
  const sealOrKeep = (value: string) => (value ? sealIntegrationSecret(value, sealPurposes.credential) : undefined);
  const fields = {
    dicomWebUrl: input.dicomWebUrl || null,
    dicomWebUsername: input.dicomWebUsername || null,
    fhirUrl: input.fhirUrl || null,
    fhirAuth: input.fhirAuth,
    fhirUsername: input.fhirUsername || null,
    labWindowHours: input.labWindowHours,
    updatedById: admin.id,
  };
  const dicomWebSecret = sealOrKeep(input.dicomWebPassword);
  const fhirSecret = sealOrKeep(input.fhirSecret);
  await db.$transaction(async (tx) => {
    await tx.site.findUniqueOrThrow({ where: { id: input.siteId }, select: { id: true } });
    await tx.siteIntegration.upsert({
      where: { siteId: input.siteId },
      create: { siteId: input.siteId, ...fields, dicomWebSecret, fhirSecret },
      update: { ...fields, ...(dicomWebSecret ? { dicomWebSecret } : {}), ...(fhirSecret ? { fhirSecret } : {}) },
    });
    await recordAuditEvent(tx, {
      ...actorFields(admin),
      action: "site.integration_update",
      entityType: "Site",
      entityId: input.siteId,
      details: { pacs: Boolean(fields.dicomWebUrl), ehr: Boolean(fields.fhirUrl), fhirAuth: input.fhirAuth, pacsSecretReplaced: Boolean(dicomWebSecret), ehrSecretReplaced: Boolean(fhirSecret) },
    });
  });
}
