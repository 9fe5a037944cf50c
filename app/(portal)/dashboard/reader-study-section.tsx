import type { ReaderStudyView } from "@/lib/kpi/get-reader-study";
import type { FigureOfMerit } from "@/lib/stats/jackknife-figures";
import type { Translate } from "./dashboard-text";

type Okay = Extract<ReaderStudyView["figures"][number], { status: "ok" }>;

/** Figures as people read them: AUC to 3 decimals, proportions in %, log time as a relative change (exp(·) − 1) or geometric mean in s. */
function formatter(locale: string, figure: FigureOfMerit) {
  const number = (digits: number, value: number, sign = false) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: sign ? "exceptZero" : "auto" }).format(value);
  if (figure === "auc") return { level: (value: number) => number(3, value), change: (value: number) => number(3, value, true) };
  if (figure === "meanLogTime") return { level: (value: number) => `${number(1, Math.exp(value) / 1000)} s`, change: (value: number) => `${number(1, (Math.exp(value) - 1) * 100, true)}%` };
  return { level: (value: number) => `${number(1, value * 100)}%`, change: (value: number) => `${number(1, value * 100, true)} pt` };
}

const pValue = (locale: string, p: number) => (p < 0.0001 ? "< 0.0001" : new Intl.NumberFormat(locale, { maximumFractionDigits: 4, minimumFractionDigits: 4 }).format(p));

export function ReaderStudySection({ study, t, locale }: { study: ReaderStudyView; t: Translate; locale: string }) {
  const okay = study.figures.filter((figure): figure is Okay => figure.status === "ok");
  const needed = study.figures.find((figure) => figure.status === "notEstimable")?.needed ?? 3;
  const small = (digits: number, value: number) => new Intl.NumberFormat(locale, { maximumSignificantDigits: digits }).format(value);
  return (
    <section className="stack" data-testid="reader-study">
      <h2>{t("readerStudy.title")}</h2>
      <p className="muted small">{t("readerStudy.method")}</p>
      <p data-testid="reader-study-eligibility">{okay.length > 0 ? t("readerStudy.eligible", { readers: study.readersInBothArms }) : t("readerStudy.notEligible", { readers: study.readersInBothArms, needed })}</p>
      <table data-testid="reader-study-table">
        <thead>
          <tr>
            <th>{t("readerStudy.columns.figure")}</th>
            <th className="num">{t("readerStudy.columns.unaided")}</th>
            <th className="num">{t("readerStudy.columns.aided")}</th>
            <th className="num">{t("readerStudy.columns.difference")}</th>
            <th className="num">{t("readerStudy.columns.rrrc")}</th>
            <th>{t("readerStudy.columns.test")}</th>
            <th>{t("readerStudy.columns.frrc")}</th>
            <th className="num">{t("readerStudy.columns.cases")}</th>
          </tr>
        </thead>
        <tbody>
          {study.figures.map((figure) => {
            if (figure.status !== "ok") {
              return (
                <tr key={figure.figure} data-testid={`mrmc-${figure.figure}`}>
                  <td>{t(`readerStudy.figures.${figure.figure}`)}</td>
                  <td colSpan={7} className="muted">
                    {figure.reason === "tooFewReaders" ? t("readerStudy.notEstimable", { readers: figure.readersInBothArms, needed: figure.needed }) : t("readerStudy.tooFewCases")}
                  </td>
                </tr>
              );
            }
            const format = formatter(locale, figure.figure);
            const { analysis } = figure;
            return (
              <tr key={figure.figure} data-testid={`mrmc-${figure.figure}`}>
                <td>
                  {t(`readerStudy.figures.${figure.figure}`)}
                  <div className="muted small">{t("readerStudy.designLine", { design: t(`readerStudy.design.${figure.design}`), cases: figure.cases })}</div>
                </td>
                <td className="num">{format.level(analysis.meanUnaided)}</td>
                <td className="num">{format.level(analysis.meanAided)}</td>
                <td className="num">{format.change(analysis.difference)}</td>
                <td className="num">
                  {format.change(analysis.rrrc.lower)} – {format.change(analysis.rrrc.upper)}
                </td>
                <td>{t("readerStudy.fTest", { ddf: small(4, analysis.rrrc.df), f: small(4, analysis.rrrc.statistic), p: pValue(locale, analysis.rrrc.p) })}</td>
                <td>
                  {format.change(analysis.frrc.lower)} – {format.change(analysis.frrc.upper)}, {t("readerStudy.fixedP", { p: pValue(locale, analysis.frrc.p) })}
                </td>
                <td className="num">{figure.cases}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {okay.map((figure) => {
        const format = formatter(locale, figure.figure);
        const { analysis } = figure;
        const components = analysis.varianceComponents;
        return (
          <details key={figure.figure} data-testid={`mrmc-readers-${figure.figure}`}>
            <summary>{t("readerStudy.perReaderTitle", { figure: t(`readerStudy.figures.${figure.figure}`) })}</summary>
            <table>
              <thead>
                <tr>
                  <th>{t("readerStudy.columns.reader")}</th>
                  <th className="num">{t("readerStudy.columns.unaided")}</th>
                  <th className="num">{t("readerStudy.columns.aided")}</th>
                  <th className="num">{t("readerStudy.columns.difference")}</th>
                  <th className="num">{t("readerStudy.columns.readerCi")}</th>
                </tr>
              </thead>
              <tbody>
                {analysis.perReader.map((reader, index) => (
                  <tr key={figure.readerIds[index]}>
                    <td>{figure.readerIds[index]}</td>
                    <td className="num">{format.level(reader.unaided)}</td>
                    <td className="num">{format.level(reader.aided)}</td>
                    <td className="num">{format.change(reader.difference)}</td>
                    <td className="num">
                      {format.change(reader.lower)} – {format.change(reader.upper)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">
              {t("readerStudy.componentsTitle", { figure: t(`readerStudy.figures.${figure.figure}`) })}:{" "}
              {t("readerStudy.components", {
                reader: small(3, components.reader), treatmentByReader: small(3, components.treatmentByReader), variance: small(3, analysis.covariances.variance),
                cov1: small(3, analysis.covariances.cov1), cov2: small(3, analysis.covariances.cov2), cov3: small(3, analysis.covariances.cov3),
                r1: small(3, components.correlation1), r2: small(3, components.correlation2), r3: small(3, components.correlation3),
              })}
            </p>
          </details>
        );
      })}
    </section>
  );
}
