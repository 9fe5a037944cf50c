import "server-only";
import { PNG } from "pngjs";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { decodeViewerFrame } from "@/lib/cases/render-image-frame";
import type { Db } from "@/lib/db/client";
import { modelManifestSchema } from "@/lib/inference/manifest";
import { buildAiResultSr, type OriginalStudy } from "@/lib/pacs/build-ai-result-sr";
import { buildHeatmapCapture } from "@/lib/pacs/build-heatmap-capture";
import { dicomJsonString, retrieveStudyMetadata, storeInstances, type DicomJson } from "@/lib/pacs/dicomweb-client";
import { readBlob } from "@/lib/storage/blob-store";
import { describeImportError, ImportFailure } from "./import-reasons";
import { pocAllowsWriteBack } from "./results-to-pacs";
import { loadSiteConnections } from "./site-integration";
import { openStudyLink, sealStudyLink } from "./study-link-keys";

const imageSopClassesWithoutPixels = /^1\.2\.840\.10008\.5\.1\.4\.1\.1\.(88|11|104|66|481)\./;

/** The original study's modules, read from PACS now and held only in memory. */
function originalStudyFrom(metadata: DicomJson[]): OriginalStudy {
  const first = metadata[0] ?? {};
  const get = (tag: string) => dicomJsonString(first, tag);
  return {
    patient: { PatientName: get("00100010"), PatientID: get("00100020"), PatientBirthDate: get("00100030"), PatientSex: get("00100040") },
    study: { StudyInstanceUID: get("0020000D"), StudyDate: get("00080020"), StudyTime: get("00080030"), AccessionNumber: get("00080050"), ReferringPhysicianName: get("00080090"), StudyID: get("00200010") },
    instances: metadata
      .map((instance) => ({ sopClassUid: dicomJsonString(instance, "00080016"), sopInstanceUid: dicomJsonString(instance, "00080018"), seriesInstanceUid: dicomJsonString(instance, "0020000E"), modality: dicomJsonString(instance, "00080060") }))
      .filter((instance) => instance.sopClassUid && !imageSopClassesWithoutPixels.test(`${instance.sopClassUid}.`) && !["SR", "KO", "PR"].includes(instance.modality))
      .map(({ sopClassUid, sopInstanceUid, seriesInstanceUid }) => ({ sopClassUid, sopInstanceUid, seriesInstanceUid })),
  };
}

/**
 * Sends a linked case's AI result to the site PACS as an SR and a secondary capture in the original
 * study (STOW-RS). The gate is checked again here: a PoC whose approval was withdrawn sends nothing.
 * Each use of the link is audited; a link sealed under an older key is re-sealed under the current one.
 */
export async function writeBackResults(db: Db, caseId: string): Promise<void> {
  const link = await db.caseStudyLink.findUnique({ where: { caseId } });
  if (!link || link.sentAt) return;
  const item = await db.case.findUniqueOrThrow({ where: { id: caseId }, include: { images: { orderBy: { createdAt: "asc" }, take: 1 }, poc: { include: { modelVersion: true } }, inferences: { where: { status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, take: 1 } } });
  const inference = item.inferences[0];
  if (!(await pocAllowsWriteBack(db, link.pocId)) || !inference || inference.probability === null) {
    await db.caseStudyLink.update({ where: { caseId }, data: { errorCode: "WRITE_BACK_NOT_ALLOWED" } });
    return;
  }
  const { studyInstanceUid, stale } = openStudyLink(link.sealedStudyUid);
  await db.$transaction(async (tx) => {
    if (stale) await tx.caseStudyLink.update({ where: { caseId }, data: { sealedStudyUid: sealStudyLink(studyInstanceUid) } });
    await recordAuditEvent(tx, { actorRole: "SYSTEM", action: "pacs.study_relink", entityType: "Case", entityId: caseId, details: { pocId: link.pocId, purpose: "write_back", resealed: stale } });
  });
  try {
    const { pacs } = await loadSiteConnections(db, item.poc.siteId);
    if (!pacs) throw new ImportFailure("PACS_NOT_CONFIGURED");
    const original = originalStudyFrom(await retrieveStudyMetadata(pacs, studyInstanceUid));
    const source = original.instances[0];
    if (!source) throw new ImportFailure("NO_IMAGE_INSTANCES");
    const manifest = modelManifestSchema.parse(item.poc.modelVersion.manifest);
    const manufacturer = "MMFM PoC Portal";
    const sr = buildAiResultSr(original, {
      modelName: item.poc.modelVersion.name,
      modelVersion: item.poc.modelVersion.version,
      manufacturer,
      modelCardUrl: `${(process.env.PORTAL_URL ?? "http://localhost:3000").replace(/\/+$/, "")}/models/${item.poc.modelVersion.id}`,
      probability: inference.probability,
      finding: { code: manifest.labels.positive, scheme: "99MMFM", meaning: `${manifest.name}: ${manifest.labels.positive}` },
      sourceInstance: source,
    });
    const image = item.images[0] ? decodeViewerFrame(await readBlob(item.images[0].storagePath), 0) : null;
    const overlay = inference.overlayPath ? PNG.sync.read(await readBlob(inference.overlayPath)) : null;
    const captures = image
      ? [buildHeatmapCapture(original, { image, overlay: overlay ? { width: overlay.width, height: overlay.height, rgba: overlay.data } : null, manufacturer, description: `AI heat map, ${item.poc.modelVersion.name} ${item.poc.modelVersion.version}; not for clinical use` })]
      : [];
    await storeInstances(pacs, [sr, ...captures], studyInstanceUid);
    await db.$transaction(async (tx) => {
      await tx.caseStudyLink.update({ where: { caseId }, data: { sentAt: new Date(), errorCode: null } });
      await recordAuditEvent(tx, { actorRole: "SYSTEM", action: "pacs.write_back", entityType: "Case", entityId: caseId, details: { pocId: link.pocId, inferenceId: inference.id, sr: 1, secondaryCaptures: captures.length } });
    });
  } catch (error) {
    const { reason, transient } = describeImportError(error);
    await db.caseStudyLink.update({ where: { caseId }, data: { errorCode: reason } });
    if (transient) throw error;
  }
}
