"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import { importPacsStudiesAction, listImportJobsAction, retryImportStudyAction, searchPacsAction } from "./actions";

type Study = { studyInstanceUid: string; patientId: string; patientName: string; accessionNumber: string; studyDate: string; studyDescription: string; modalities: string[]; instances: number };
type Jobs = Extract<Awaited<ReturnType<typeof listImportJobsAction>>, { ok: true }>["data"];
type LabSummary = { source: string; used: string[]; missing: string[]; withheld: boolean; refusals: { labKey: string | null; loinc: string | null; reason: string }[] } | null;

const finished = new Set(["DONE", "FAILED"]);
const isoDate = (dicomDate: string) => (/^\d{8}$/.test(dicomDate) ? `${dicomDate.slice(0, 4)}-${dicomDate.slice(4, 6)}-${dicomDate.slice(6)}` : dicomDate);

export function PacsImport({ pocs, initialJobs }: { pocs: { id: string; title: string }[]; initialJobs: Jobs }) {
  const t = useTranslations("pacs.import");
  const [pocId, setPocId] = useState(pocs[0]!.id);
  const [results, setResults] = useState<Study[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirmBurnedIn, setConfirmBurnedIn] = useState(false);
  const [started, setStarted] = useState<number | null>(null);
  const [jobs, setJobs] = useState<Jobs>(initialJobs);
  const search = useAction();
  const importing = useAction();

  const load = async (id: string) => {
    const result = await listImportJobsAction({ pocId: id });
    if (result.ok) setJobs(result.data);
  };
  const refresh = useCallback(async () => {
    const result = await listImportJobsAction({ pocId });
    if (result.ok) setJobs(result.data);
  }, [pocId]);
  const busy = jobs.some((job) => job.studies.some((study) => !finished.has(study.status)));
  // Progress is polled while any study is still moving; the interval stops when all are done or failed.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void refresh(), 1500);
    return () => clearInterval(timer);
  }, [busy, refresh]);

  const toggle = (uid: string) => setSelected((current) => {
    const next = new Set(current);
    if (next.has(uid)) next.delete(uid);
    else next.add(uid);
    return next;
  });

  return (
    <div className="stack">
      <label>
        {t("poc")}
        <select data-testid="import-poc" value={pocId} onChange={(event) => { setPocId(event.target.value); setResults(null); setSelected(new Set()); void load(event.target.value); }}>
          {pocs.map((poc) => (
            <option key={poc.id} value={poc.id}>{poc.title}</option>
          ))}
        </select>
      </label>
      <form
        className="stack form-grid"
        aria-label={t("search")}
        onSubmit={search.submit(async (form) => {
          const field = (name: string) => String(form.get(name) ?? "");
          const result = await searchPacsAction({ pocId, accessionNumber: field("accessionNumber"), patientId: field("patientId"), studyDateFrom: field("studyDateFrom"), studyDateTo: field("studyDateTo"), modality: field("modality").toUpperCase(), studyDescription: field("studyDescription") });
          if (result.ok) {
            setResults(result.data);
            setSelected(new Set());
            setStarted(null);
          }
          return result;
        })}
      >
        <label>{t("accessionNumber")}<input name="accessionNumber" autoComplete="off" /></label>
        <label>{t("patientId")}<input name="patientId" autoComplete="off" /></label>
        <label>{t("dateFrom")}<input name="studyDateFrom" type="date" /></label>
        <label>{t("dateTo")}<input name="studyDateTo" type="date" /></label>
        <label>{t("modality")}<input name="modality" maxLength={4} autoComplete="off" /></label>
        <label>{t("studyDescription")}<input name="studyDescription" autoComplete="off" /></label>
        <ActionError failure={search.failure} />
        <button type="submit" disabled={search.pending}>{t("search")}</button>
      </form>
      {results && (
        <div className="stack">
          <p role="status">{t("results", { count: results.length })}</p>
          <p className="muted">{t("identifiersNotice")}</p>
          {results.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>
                    <input type="checkbox" aria-label={t("selectAll")} checked={selected.size === results.length} onChange={(event) => setSelected(event.target.checked ? new Set(results.map((study) => study.studyInstanceUid)) : new Set())} />
                  </th>
                  <th>{t("patientId")}</th>
                  <th>{t("patientName")}</th>
                  <th>{t("accessionNumber")}</th>
                  <th>{t("studyDate")}</th>
                  <th>{t("studyDescription")}</th>
                  <th>{t("modality")}</th>
                  <th className="num">{t("instances")}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((study) => (
                  <tr key={study.studyInstanceUid}>
                    <td>
                      <input type="checkbox" aria-label={`${t("select")} ${study.accessionNumber}`} checked={selected.has(study.studyInstanceUid)} onChange={() => toggle(study.studyInstanceUid)} />
                    </td>
                    <td>{study.patientId}</td>
                    <td>{study.patientName}</td>
                    <td>{study.accessionNumber}</td>
                    <td>{isoDate(study.studyDate)}</td>
                    <td>{study.studyDescription}</td>
                    <td>{study.modalities.join(", ")}</td>
                    <td className="num">{study.instances}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {results.length > 0 && (
            <div className="stack">
              <label className="checkbox">
                <input type="checkbox" checked={confirmBurnedIn} onChange={(event) => setConfirmBurnedIn(event.target.checked)} />
                {t("confirmBurnedIn")}
              </label>
              <ActionError failure={importing.failure} />
              <button
                type="button"
                disabled={importing.pending || selected.size === 0}
                onClick={() =>
                  importing.run(async () => {
                    const result = await importPacsStudiesAction({ pocId, studyInstanceUids: [...selected], confirmBurnedIn });
                    if (result.ok) {
                      setStarted(result.data.studies);
                      setSelected(new Set());
                      await refresh();
                    }
                    return result;
                  })
                }
              >
                {t("importSelected", { count: selected.size })}
              </button>
              {started !== null && <p role="status">{t("started", { count: started })}</p>}
            </div>
          )}
        </div>
      )}
      <ImportJobs jobs={jobs} onRetried={refresh} />
    </div>
  );
}

function ImportJobs({ jobs, onRetried }: { jobs: Jobs; onRetried: () => Promise<void> }) {
  const t = useTranslations("pacs");
  const tErrors = useTranslations("errors");
  const format = useFormatter();
  const retry = useAction();
  const reason = (code: string | null, params: unknown) => {
    if (!code) return "";
    const values = (params ?? {}) as Record<string, string | number>;
    if (t.has(`importReasons.${code}`)) return t(`importReasons.${code}`, values);
    return tErrors.has(code) ? tErrors(code, values) : tErrors("INTERNAL");
  };
  const labs = (summary: LabSummary) => {
    if (!summary || summary.source !== "ehr") return t("import.labsNone");
    const parts = [summary.used.length > 0 ? t("import.labsFromEhr", { count: summary.used.length }) : summary.withheld ? t("import.labsWithheld", { missing: summary.missing.join(", ") }) : t("import.labsNone")];
    if (summary.refusals.length > 0) parts.push(t("import.refusals", { count: summary.refusals.length, list: summary.refusals.map((refusal) => `${refusal.labKey ?? "?"} (LOINC ${refusal.loinc ?? "?"}): ${t(`labRefusal.${refusal.reason}`)}`).join("; ") }));
    return parts.join(" · ");
  };
  return (
    <section className="stack" aria-labelledby="import-jobs">
      <h2 id="import-jobs">{t("import.jobsTitle")}</h2>
      <ActionError failure={retry.failure} />
      {jobs.length === 0 ? (
        <p className="empty">{t("import.noJobs")}</p>
      ) : (
        jobs.map((job) => (
          <div key={job.id} className="stack">
            <h3>{t(job.source === "PUSH" ? "import.jobPUSH" : "import.jobPULL", { time: format.dateTime(new Date(job.createdAt), { dateStyle: "medium", timeStyle: "short" }) })}</h3>
            <ul className="import-studies">
              {job.studies.map((study) => (
                <li key={study.id} data-status={study.status}>
                  <strong>{t("import.study", { number: study.number })}</strong>: <span>{t(`import.status.${study.status}`)}</span>
                  {study.status === "QUEUED" && study.errorCode && <> ({t("import.retrying", { reason: reason(study.errorCode, study.errorParams) })})</>}
                  {study.status === "FAILED" && <> — {reason(study.errorCode, study.errorParams)}</>}
                  {study.caseCode && study.caseId && (
                    <> · <Link href={`/cases/${study.caseId}`}>{t("import.case", { code: study.caseCode })}</Link></>
                  )}
                  {study.status === "DONE" && <> · {labs(study.labSummary as LabSummary)}</>}
                  {study.attempts > 1 && <> · {t("import.attempts", { count: study.attempts })}</>}
                  {study.status === "FAILED" && (
                    <button type="button" disabled={retry.pending} onClick={() => retry.run(() => retryImportStudyAction({ importStudyId: study.id }), () => void onRetried())}>
                      {t("import.retry")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
