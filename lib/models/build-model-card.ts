import type { ModelManifest } from "@/lib/inference/manifest";

// A model card from the manifest and, when a PoC is named, the PoC's measured evidence: as a
// CHAI-style applied model card (JSON) and as HL7 FHIR (AI Transparency on FHIR: an AI-Device that
// points at an AI-ModelCard DocumentReference carrying the CHAI JSON). Pure: texts come from the
// caller's translator, so both exports and the printable page read the i18n catalogue.

export type Translate = (key: string, values?: Record<string, string | number>) => string;

type MeasuredKpi = { key: string; estimate: number | null; lower: number | null; upper: number | null; n: number; method: string };

export type ModelCardInput = {
  model: { id: string; name: string; version: string; sha256: string; encodersSha256: string | null; registeredAt: Date; sharesEncodersWith: { name: string; version: string } | null };
  manifest: ModelManifest;
  poc: { id: string; title: string; status: string } | null;
  evidence: { kpis: MeasuredKpi[]; cases: number; casesOutsideIntendedUse: number; inferences: number; inferencesOutOfDistribution: number } | null;
  locale: "ja" | "en";
  generatedAt: Date;
};

const round = (value: number | null, digits = 3) => (value === null ? null : Number(value.toFixed(digits)));

export function buildChaiModelCard(input: ModelCardInput, t: Translate) {
  const { manifest, model, locale } = input;
  const v2 = manifest.schemaVersion === 2 ? manifest : null;
  const intended = v2?.intendedInputs;
  return {
    schema: "CHAI applied model card (style), portal export v1",
    language: locale,
    generatedAt: input.generatedAt.toISOString(),
    BasicInfo: { ModelName: manifest.name, ModelVersion: manifest.version, ModelDeveloper: t("developer"), RegistryId: model.id, Sha256: model.sha256, EncodersSha256: model.encodersSha256 },
    ReleaseInfo: { ReleaseStage: manifest.notForClinicalUse ? t("releaseStageNotClinical") : t("releaseStageClinical"), RegisteredAt: model.registeredAt.toISOString(), ModelCreatedAt: manifest.createdAt, RegulatoryApproval: t("regulatoryNone") },
    ModelSummary: { Summary: manifest.intendedUse[locale], Task: manifest.task, Labels: manifest.labels },
    UsesAndDirections: {
      IntendedUseAndWorkflow: manifest.intendedUse[locale],
      TargetedPatientPopulation: intended ? t("population", { min: intended.patientAgeYears.min, max: intended.patientAgeYears.max }) : t("notDeclared"),
      IntendedInputs: intended
        ? { DicomModalities: intended.dicomModalities, BodyParts: intended.bodyParts, PhotometricInterpretations: intended.photometricInterpretations, PixelSpacingMm: intended.pixelSpacingMm, PatientAgeYears: intended.patientAgeYears }
        : t("notDeclared"),
      CautionedOutOfScopeSettings: intended ? t("outOfScope", { modalities: intended.dicomModalities.join(", "), bodyParts: intended.bodyParts.join(", ") }) : t("notDeclared"),
    },
    Warnings: {
      KnownRisksAndLimitations: [manifest.notForClinicalUse ? t("notForClinicalUse") : null, t("syntheticFusionCaveat")].filter((line): line is string => line !== null),
      OutOfDistributionScore: v2?.outOfDistribution
        ? {
            Method: t("oodMethod", { modality: v2.outOfDistribution.modality }),
            Threshold: v2.outOfDistribution.threshold,
            ThresholdQuantile: v2.outOfDistribution.thresholdQuantile,
            FalseAlarmRate: { value: v2.outOfDistribution.falseAlarmRate.value, ci95: v2.outOfDistribution.falseAlarmRate.ci95, n: v2.outOfDistribution.falseAlarmRate.n },
            DetectionRate: v2.outOfDistribution.detectionRate.map((entry) => ({ kind: entry.kind, rate: entry.rate, ci95: entry.ci95, n: entry.n })),
          }
        : t("notDeclared"),
    },
    TrustIngredients: {
      AISystemFacts: {
        ModelType: v2 ? t("architectureV2") : t("architectureV1"),
        FoundationModels: model.sharesEncodersWith ? t("sharesEncoders", { name: model.sharesEncodersWith.name, version: model.sharesEncodersWith.version }) : t("ownEncoders"),
        InputDataSource: manifest.trainingData[locale],
        OutputAndInputDataTypes: { inputs: manifest.modalities.order, outputs: v2 ? ["calibrated probability", "heat map", "out-of-distribution score"] : ["probability", "heat map"] },
        ParameterCount: manifest.parameterCount ?? null,
        FlopsPerCase: manifest.flopsPerCase ?? null,
      },
      Calibration: v2
        ? { Method: t("calibrationMethod"), Temperature: v2.calibration.temperature, FittedOnCases: v2.calibration.fittedOnCases, HeldOut: v2.calibration.heldOut }
        : t("notDeclared"),
    },
    KeyMetrics: {
      DevelopmentHeldOut: manifest.metrics.auroc.map((entry) => ({ Metric: "AUROC", Inputs: entry.inputs, Method: entry.method, Result: entry.value, CI95: entry.ci95 ?? null, n: entry.n, nPositive: entry.nPositive ?? null })),
      HeadOnlyVersusFromScratch: v2?.reuse
        ? { LabelledCases: v2.reuse.labelledCases, HeadOnly: { AUROC: v2.reuse.headOnly.value, CI95: v2.reuse.headOnly.ci95 ?? null, n: v2.reuse.headOnly.n }, FromScratch: { AUROC: v2.reuse.fromScratch.value, CI95: v2.reuse.fromScratch.ci95 ?? null, n: v2.reuse.fromScratch.n } }
        : null,
      MeasuredInThisPoc: input.poc && input.evidence
        ? {
            Poc: { id: input.poc.id, title: input.poc.title, status: input.poc.status },
            Cases: input.evidence.cases,
            CasesOutsideIntendedUseExcludedFromKpis: input.evidence.casesOutsideIntendedUse,
            Inferences: input.evidence.inferences,
            InferencesFlaggedOutOfDistribution: input.evidence.inferencesOutOfDistribution,
            Kpis: input.evidence.kpis.map((kpi) => ({ Key: kpi.key, Estimate: round(kpi.estimate), CI95: [round(kpi.lower), round(kpi.upper)], n: kpi.n, Method: kpi.method })),
          }
        : t("noPocEvidence"),
    },
  };
}

type ChaiModelCard = ReturnType<typeof buildChaiModelCard>;

/** AI Transparency on FHIR (R4): a collection Bundle of the AI-Device and its AI-ModelCard DocumentReference. */
export function buildFhirModelCardBundle(input: ModelCardInput, card: ChaiModelCard) {
  const aiCodes = "http://hl7.org/fhir/uv/aitransparency/CodeSystem/AIinputsCS";
  const documentId = `model-card-${input.model.id}${input.poc ? `-${input.poc.id}` : ""}-${input.locale}`;
  const deviceId = `model-${input.model.id}`;
  return {
    resourceType: "Bundle",
    type: "collection",
    timestamp: input.generatedAt.toISOString(),
    entry: [
      {
        fullUrl: `urn:uuid:${deviceId}`,
        resource: {
          resourceType: "Device",
          id: deviceId,
          meta: { profile: ["http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-Device"] },
          language: input.locale,
          extension: [{ url: "http://hl7.org/fhir/uv/aitransparency/StructureDefinition/aitransparency.modelCardDescription", valueReference: { reference: `urn:uuid:${documentId}` } }],
          identifier: [{ system: "urn:ietf:rfc:6920", value: `ni:///sha-256;${input.model.sha256}` }],
          deviceName: [{ name: input.manifest.name, type: "model-name" }],
          version: [{ value: input.manifest.version }],
          type: { text: "Artificial Intelligence" },
          note: [{ text: input.manifest.intendedUse[input.locale] }],
        },
      },
      {
        fullUrl: `urn:uuid:${documentId}`,
        resource: {
          resourceType: "DocumentReference",
          id: documentId,
          meta: { profile: ["http://hl7.org/fhir/uv/aitransparency/StructureDefinition/AI-ModelCard"] },
          language: input.locale,
          status: "current",
          type: { coding: [{ system: aiCodes, code: "AIModelCard", display: "AI Model-Card" }] },
          category: [{ coding: [{ system: aiCodes, code: "AImodelCardCHAIformat", display: "CHAI Format" }] }],
          date: input.generatedAt.toISOString(),
          description: `${input.manifest.name} ${input.manifest.version}${input.poc ? ` — ${input.poc.title}` : ""}`,
          content: [{ attachment: { contentType: "application/json", language: input.locale, title: `${input.manifest.name}-${input.manifest.version}-model-card.json`, data: Buffer.from(JSON.stringify(card), "utf8").toString("base64") } }],
        },
      },
    ],
  };
}
