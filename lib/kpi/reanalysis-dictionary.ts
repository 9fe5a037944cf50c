/**
 * The reanalysis data set: one row per completed read (reader × case × arm), every field a statistician
 * needs to reproduce the dashboard, with its data dictionary. Readers and cases are pseudonymous.
 */
export const reanalysisColumns = [
  { name: "reader", type: "text", en: "Pseudonymous reader code (R1, R2, … in the order of the readers' internal ids; the same codes as the dashboard).", ja: "読影者の仮名コード（R1、R2…。ダッシュボードと同じコード）" },
  { name: "readerExperienceBand", type: "text", en: "Reader experience band; empty: not recorded in this version.", ja: "読影者の経験区分（空欄：このバージョンでは未記録）" },
  { name: "caseCode", type: "text", en: "Pseudonymous case code (C-…).", ja: "症例の仮名コード（C-…）" },
  { name: "caseNumber", type: "integer", en: "Case number 1…K (cases sorted by code), as iMRMC and RJafroc require integer case ids.", ja: "症例番号 1…K（コード順）。iMRMC と RJafroc は整数の症例 ID を要求します" },
  { name: "arm", type: "UNAIDED | AIDED", en: "Reading arm (the modality of the reader study): without or with the AI output.", ja: "読影アーム（AI なし / AI あり）" },
  { name: "imagingModality", type: "text", en: "Imaging modality of the case (CR, CT, …).", ja: "症例の画像モダリティ（CR、CT など）" },
  { name: "readingDesign", type: "RANDOMISED | CROSSOVER", en: "PoC design: arms randomised per read, or crossover (each reader reads the case in both arms).", ja: "PoC のデザイン（読影ごとの無作為化 / クロスオーバー）" },
  { name: "period", type: "integer", en: "Crossover period (1 or 2); 1 in randomised designs.", ja: "クロスオーバーの期（1 または 2）。無作為化デザインでは 1" },
  { name: "sequence", type: "text", en: "This reader's arm order for this case by period (U = unaided, A = aided), e.g. UA.", ja: "この読影者・症例のアーム順（U = AI なし、A = AI あり。例：UA）" },
  { name: "truth", type: "0 | 1 | empty", en: "Reference standard: 1 finding present, 0 absent, empty not yet known.", ja: "参照基準（1 = 所見あり、0 = なし、空欄 = 未確定）" },
  { name: "referenceSource", type: "text", en: "How the reference standard was established (PATHOLOGY, FOLLOW_UP_IMAGING, EXPERT_PANEL, OTHER).", ja: "参照基準の根拠" },
  { name: "call", type: "0 | 1", en: "Reader's final call: 1 finding present, 0 absent.", ja: "読影者の最終判定（1 = 所見あり、0 = なし）" },
  { name: "firstCall", type: "0 | 1 | empty", en: "Second-reader mode: the call recorded before the AI output was shown.", ja: "セカンドリーダー方式：AI 表示前に記録した判定" },
  { name: "confidence", type: "0–100 | empty", en: "Reader's confidence in the call as recorded; empty when not recorded (never imputed).", ja: "判定の確信度（記録値。未記録は空欄で補完しません）" },
  { name: "scorePresent", type: "0–100 | empty", en: "Confidence on the finding-present scale: confidence for a positive call, 100 − confidence for a negative one; the rating used for AUC.", ja: "所見ありの尺度での確信度（陽性判定は確信度、陰性判定は 100 − 確信度）。AUC に用いる評点" },
  { name: "totalMs", type: "ms", en: "Total reading time, milliseconds.", ja: "総読影時間（ミリ秒）" },
  { name: "activeMs", type: "ms", en: "Active reading time (window focused, not idle), milliseconds; the reading-time KPIs use it.", ja: "実読影時間（ミリ秒）。読影時間の KPI はこれを使います" },
  { name: "aiScore", type: "0–1 | empty", en: "The AI's probability for the case (latest successful inference).", ja: "症例に対する AI の確率（最新の成功した推論）" },
  { name: "aiThreshold", type: "0–1", en: "Threshold at which the AI's call is positive.", ja: "AI が陽性と判定する閾値" },
  { name: "aiOpened", type: "0 | 1 | empty", en: "Aided reads: whether the reader opened the AI output.", ja: "AI あり読影：AI 出力を開いたか" },
  { name: "changedAfterAi", type: "0 | 1 | empty", en: "Aided reads: whether the reader changed the call after seeing the AI.", ja: "AI あり読影：AI を見て判定を変えたか" },
  { name: "usefulness", type: "1–5 | empty", en: "Aided reads: usefulness / trust rating.", ja: "AI あり読影：有用性・信頼の評価" },
  { name: "repeatExamOrdered", type: "0 | 1 | empty", en: "Outcome (per case): repeat exam ordered.", ja: "転帰（症例単位）：再検査の指示" },
  { name: "repeatExamAvoidable", type: "0 | 1 | empty", en: "Outcome (per case): the repeat exam was avoidable.", ja: "転帰（症例単位）：回避可能な再検査" },
  { name: "timeToTreatmentHours", type: "hours | empty", en: "Outcome (per case): time to treatment, hours.", ja: "転帰（症例単位）：治療開始までの時間（時間）" },
  { name: "readmitted30d", type: "0 | 1 | empty", en: "Outcome (per case): readmission within 30 days.", ja: "転帰（症例単位）：30 日以内の再入院" },
  { name: "complication", type: "0 | 1 | empty", en: "Outcome (per case): complication.", ja: "転帰（症例単位）：合併症" },
  { name: "patientSatisfaction", type: "1–5 | empty", en: "Outcome (per case): patient satisfaction.", ja: "転帰（症例単位）：患者満足度" },
  { name: "site", type: "text", en: "Site code.", ja: "施設コード" },
  { name: "month", type: "YYYY-MM", en: "Month the read was completed.", ja: "読影完了月" },
  { name: "ageBand", type: "text | empty", en: "Patient age band (de-identified).", ja: "患者の年齢帯（匿名化済み）" },
  { name: "sex", type: "text | empty", en: "Patient sex (de-identified).", ja: "患者の性別（匿名化済み）" },
  { name: "scannerVendor", type: "text | empty", en: "Scanner vendor.", ja: "装置ベンダー" },
] as const;

type ReanalysisColumn = (typeof reanalysisColumns)[number]["name"];
export type ReanalysisRow = Record<ReanalysisColumn, string | number | null>;
