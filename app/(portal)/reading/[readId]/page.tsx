import { getTranslations } from "next-intl/server";
import { CaseClinicalData } from "@/app/_components/case-clinical-data";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { loadAiOutput } from "@/lib/reading/load-ai-output";
import { startRead } from "@/lib/reading/manage-reads";
import { ReadingScreen } from "./reading-client";

// Opening this page (re)starts the read's clock on the server and audits the case view.
export default async function ReadingPage({ params }: { params: Promise<{ readId: string }> }) {
  const user = await requirePagePermission("case:read");
  const { readId } = await params;
  const read = await startRead(db(), user, { readId });
  const item = await db().case.findUniqueOrThrow({ where: { id: read.caseId }, include: { images: { orderBy: { createdAt: "asc" } }, poc: { include: { modelVersion: true } } } });
  const t = await getTranslations("reading");
  const aided = read.arm === "AIDED";
  const secondReader = aided && item.poc.aiMode === "SECOND_READER";
  // Concurrent mode shows the AI from the start; second-reader mode only after the first call.
  const aiOutput = aided && (!secondReader || read.firstCall !== null) ? await loadAiOutput(db(), item.id) : null;
  return (
    <section className="stack">
      <h1>
        {t("readTitle", { code: item.code })} <span className="badge">{t(`arms.${read.arm}`)}</span>
      </h1>
      <ReadingScreen
        readId={read.id}
        caseId={item.id}
        imageIds={item.images.map((image) => image.id)}
        arm={read.arm}
        secondReader={secondReader}
        firstCallRecorded={read.firstCall}
        initialAiOutput={aiOutput}
      >
        <CaseClinicalData manifest={item.poc.modelVersion.manifest} labValues={item.labValues} noteText={item.noteText} />
      </ReadingScreen>
    </section>
  );
}
