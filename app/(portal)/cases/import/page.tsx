import { getTranslations } from "next-intl/server";
import { requirePagePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { jobQueue } from "@/lib/integrations/job-runtime";
import { listImportablePocs, listImportJobs } from "@/lib/integrations/start-import";
import { PacsImport } from "./import-client";

export default async function PacsImportPage() {
  const user = await requirePagePermission("case:submit");
  const t = await getTranslations("pacs.import");
  // Starts this process's queue if it is not running yet: on the embedded database that is also what
  // puts imports left unfinished by a restart back to work.
  await jobQueue();
  const pocs = await listImportablePocs(db(), user);
  const initialJobs = pocs[0] ? await listImportJobs(db(), user, pocs[0].id) : [];
  return (
    <section className="stack">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {pocs.length === 0 ? <p className="empty">{t("noRunningPoc")}</p> : <PacsImport pocs={pocs} initialJobs={initialJobs} />}
    </section>
  );
}
