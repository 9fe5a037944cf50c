"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionError } from "@/app/_components/action-error-client";
import { useAction } from "@/app/_components/use-action-client";
import type { CsvRowError } from "@/lib/outcomes/validate-outcome-csv";
import { importOutcomesAction } from "./actions";

export function ImportOutcomesForm({ pocs }: { pocs: { id: string; title: string }[] }) {
  const t = useTranslations("cases");
  const tv = useTranslations("validation");
  const { failure, pending, run } = useAction();
  const [rowErrors, setRowErrors] = useState<CsvRowError[]>([]);
  const [imported, setImported] = useState<number | null>(null);
  return (
    <form
      className="stack form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const file = form.get("csv") as File;
        run(async () => {
          const result = await importOutcomesAction({ pocId: String(form.get("pocId")), csv: await file.text() });
          setRowErrors(result.ok && !result.data.ok ? result.data.errors : []);
          setImported(result.ok && result.data.ok ? result.data.imported : null);
          return result;
        });
      }}
    >
      <label>
        {t("poc")}
        <select name="pocId">
          {pocs.map((poc) => (
            <option key={poc.id} value={poc.id}>
              {poc.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("csvFile")}
        <input type="file" name="csv" accept=".csv,text/csv" required />
      </label>
      <ActionError failure={failure} />
      {rowErrors.length > 0 && (
        <div role="alert" className="alert error">
          <p>{t("importRejected", { count: rowErrors.length })}</p>
          <ul>
            {rowErrors.slice(0, 50).map((error, index) => (
              <li key={index}>{t("rowError", { row: error.row, column: error.column || "—", problem: t.has(`csvProblems.${error.code}`) ? t(`csvProblems.${error.code}`) : tv.has(error.code) ? tv(error.code) : tv("invalid") })}</li>
            ))}
          </ul>
        </div>
      )}
      {imported !== null && <p role="status">{t("imported", { count: imported })}</p>}
      <button type="submit" disabled={pending}>
        {t("import")}
      </button>
    </form>
  );
}
