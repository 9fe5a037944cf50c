import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { errorResponse, guardedRoute } from "@/lib/actions/route-handler";
import { db } from "@/lib/db/client";
import { buildChaiModelCard, buildFhirModelCardBundle } from "@/lib/models/build-model-card";
import { loadModelCard } from "@/lib/models/load-model-card";
import { modelCardQuerySchema } from "@/lib/models/schema";

// Model card export: CHAI-style JSON or an HL7 FHIR (AI Transparency) Bundle, in Japanese or English,
// with a PoC's measured evidence when ?poc= names one.
export const GET = guardedRoute({ name: "model.card_export", permission: "model:view", maxBodyBytes: 0 }, async (request, { user, requestId, params }) => {
  const query = modelCardQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return errorResponse("INVALID_INPUT");
  const { format, locale, poc } = query.data;
  const loaded = await loadModelCard(db(), { ...user, requestId }, { modelId: params.modelId, pocId: poc ?? null, format });
  const t = await getTranslations({ locale, namespace: "modelCard.export" });
  const input = { ...loaded, locale, generatedAt: new Date() };
  const card = buildChaiModelCard(input, (key, values) => t(key, values));
  const body = format === "fhir" ? buildFhirModelCardBundle(input, card) : card;
  const filename = `${loaded.manifest.name}-${loaded.manifest.version}-model-card-${format}-${locale}.json`;
  return NextResponse.json(body, {
    headers: { "content-type": format === "fhir" ? "application/fhir+json" : "application/json", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "private, no-store" },
  });
});
