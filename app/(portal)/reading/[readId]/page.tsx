import { getTranslations } from "next-intl/server";
import { CaseClinicalData } from "@/app/_components/case-clinical-data";
import { orNotFound } from "@/app/_components/or-not-found";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { openRead } from "@/lib/reading/open-read";
import { ReadingScreen } from "./reading-client";

// Opening this page (re)starts the read's clock on the server and audits the case view.
export default async function ReadingPage({ params }: { params: Promise<{ readId: string }> }) {
  const user = await requirePagePermission("case:read");
  const { readId } = await params;
  // Another reader's or another site's read, or an unknown id: the 404 page.
  const { read, item, secondReader, aiOutput } = await orNotFound(openRead(db(), user, readId));
  const t = await getTranslations("reading");
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
