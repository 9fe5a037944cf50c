import type { ChecklistPhase } from "@/lib/db/generated/enums";
import type { ChecklistFamily, ComplianceFramework } from "@/lib/governance/frameworks";

export type ChecklistTemplate = {
  /** Stable key, unique within a PoC's checklist. */
  key: string;
  family: ChecklistFamily;
  /** PRE_START gates draft → approved (and the start); PRE_DECISION gates the decision; ONGOING is reviewed while running. */
  phase: ChecklistPhase;
  title: { ja: string; en: string };
  /** What evidence satisfies the item. */
  evidence: { ja: string; en: string };
  frameworks: ComplianceFramework[];
};

// The built-in checklist every PoC starts from (domain primer §6). Sites add their own items in the
// database (ChecklistTemplateItem with a siteId); these stay in code so they are reviewed like code.
export const builtInChecklistTemplates: ChecklistTemplate[] = [
  // Privacy and data governance
  {
    key: "privacy.legal_basis",
    family: "PRIVACY",
    phase: "PRE_START",
    title: {
      ja: "健康情報（要配慮個人情報）を利用する法的根拠の確認（個人情報保護法、海外拠点ではHIPAA／GDPR）",
      en: "Legal basis for using health data (special-care-required personal information under APPI; HIPAA / GDPR elsewhere)",
    },
    evidence: {
      ja: "法務または個人情報保護管理者が署名した法的根拠の整理メモ（同意・オプトアウト・学術研究例外のいずれによるか）",
      en: "Legal-basis memo signed by legal or the privacy officer, stating whether consent, opt-out or the research exemption applies",
    },
    frameworks: ["APPI", "HIPAA", "GDPR"],
  },
  {
    key: "privacy.deid_images",
    family: "PRIVACY",
    phase: "PRE_START",
    title: {
      ja: "画像の匿名化検証（DICOM PS3.15 Basic Application Level Confidentiality Profile、焼き込み文字の確認を含む）",
      en: "Image de-identification verified (DICOM PS3.15 Basic Application Level Confidentiality Profile, burned-in text included)",
    },
    evidence: {
      ja: "サンプル画像に対する匿名化テスト報告書（除去・置換したタグの一覧と焼き込み文字の確認結果）",
      en: "De-identification test report on sample images: tags removed or replaced, and the burned-in text review",
    },
    frameworks: ["DICOM_PS3_15", "APPI", "HIPAA", "MHLW_SECURITY_6_0"],
  },
  {
    key: "privacy.deid_text",
    family: "PRIVACY",
    phase: "PRE_START",
    title: {
      ja: "自由記載（所見・診療記録）の個人識別情報除去の検証（氏名・患者ID・住所・電話番号など日本の識別子を含む）",
      en: "PHI scrubbing of free text verified (names, patient IDs, addresses, phone numbers, Japanese identifiers included)",
    },
    evidence: {
      ja: "日本語・英語の検証用テキストでの除去率を示す検証報告書",
      en: "Validation report with the scrubber's recall on Japanese and English test notes",
    },
    frameworks: ["APPI", "HIPAA", "GDPR"],
  },
  {
    key: "privacy.minimisation",
    family: "PRIVACY",
    phase: "PRE_START",
    title: { ja: "データ最小化（臨床上の問いに必要な項目のみを扱う）", en: "Data minimisation (only the fields the clinical question needs)" },
    evidence: { ja: "項目ごとの利用目的を記したデータ項目一覧", en: "Data inventory listing each field and why it is needed" },
    frameworks: ["APPI", "GDPR", "EU_AI_ACT_ART_10"],
  },
  {
    key: "privacy.retention",
    family: "PRIVACY",
    phase: "PRE_START",
    title: { ja: "保存期間と削除手順の決定", en: "Retention period and deletion procedure defined" },
    evidence: { ja: "保存期間・削除手順・責任者を定めた規程または手順書", en: "Retention policy naming the period, the deletion procedure and who is responsible" },
    frameworks: ["APPI", "GDPR", "MHLW_SECURITY_6_0"],
  },
  {
    key: "privacy.access_control",
    family: "PRIVACY",
    phase: "PRE_START",
    title: {
      ja: "アクセス制御とアクセスログ（医療情報システムの安全管理に関するガイドライン 第6.0版）",
      en: "Access control and access logs (MHLW Guidelines for the Security Management of Medical Information Systems, v6.0)",
    },
    evidence: { ja: "役割と権限の対応表、およびアクセスログ点検の記録例", en: "Role-permission matrix and a sample access-log review record" },
    frameworks: ["MHLW_SECURITY_6_0", "HIPAA", "EU_AI_ACT_ART_12"],
  },
  {
    key: "privacy.impact_assessment",
    family: "PRIVACY",
    phase: "PRE_START",
    title: { ja: "個人情報保護影響評価（PIA）の実施", en: "Privacy impact assessment completed" },
    evidence: { ja: "承認済みのPIA報告書", en: "Approved privacy impact assessment report" },
    frameworks: ["APPI", "GDPR"],
  },
  {
    key: "privacy.contractors",
    family: "PRIVACY",
    phase: "PRE_START",
    title: { ja: "委託先管理（モデル提供事業者・クラウド事業者との契約）", en: "Contractor management (agreements with the model vendor and hosting providers)" },
    evidence: { ja: "署名済みの委託契約書またはデータ処理契約書（安全管理措置の条項を含む）", en: "Signed outsourcing or data-processing agreement, including its security clauses" },
    frameworks: ["APPI", "MHLW_SECURITY_6_0", "GDPR", "HIPAA"],
  },
  // Ethics
  {
    key: "ethics.committee_approval",
    family: "ETHICS",
    phase: "PRE_START",
    title: { ja: "倫理審査委員会の承認（承認番号・承認日）", en: "Ethics committee approval (approval number and date)" },
    evidence: { ja: "承認番号と承認日が記載された倫理審査委員会の承認通知書", en: "Ethics committee approval letter showing the approval number and date" },
    frameworks: ["LIFE_SCIENCE_ETHICS_GUIDELINES", "DECIDE_AI"],
  },
  {
    key: "ethics.patient_notice",
    family: "ETHICS",
    phase: "PRE_START",
    title: { ja: "患者への情報公開とオプトアウトの機会の確保", en: "Patient notice and opt-out published" },
    evidence: { ja: "公開文書（オプトアウト文書）と掲示場所・掲示日の記録", en: "The published notice, with where and since when it is shown" },
    frameworks: ["LIFE_SCIENCE_ETHICS_GUIDELINES", "APPI", "GDPR"],
  },
  {
    key: "ethics.conflicts_of_interest",
    family: "ETHICS",
    phase: "PRE_START",
    title: { ja: "利益相反の申告と管理", en: "Conflicts of interest declared and managed" },
    evidence: { ja: "研究者全員の利益相反申告書と利益相反委員会の確認記録", en: "Conflict-of-interest declarations of all investigators and the committee's review" },
    frameworks: ["LIFE_SCIENCE_ETHICS_GUIDELINES", "DECIDE_AI"],
  },
  // Regulation
  {
    key: "regulation.samd_classification",
    family: "REGULATION",
    phase: "PRE_START",
    title: { ja: "プログラム医療機器（SaMD）該当性・クラス分類の確認（PMDA／FDA／CE）", en: "Software as a medical device classification assessed (PMDA / FDA / CE)" },
    evidence: { ja: "該当性判断とクラス分類の根拠を示すメモ（必要に応じて規制当局への相談記録）", en: "Classification memo with its reasoning (and any regulator consultation record)" },
    frameworks: ["PMD_ACT", "FDA_SAMD", "EU_MDR"],
  },
  {
    key: "regulation.intended_use",
    family: "REGULATION",
    phase: "PRE_START",
    title: { ja: "使用目的（Intended use）の明文化", en: "Intended-use statement written" },
    evidence: { ja: "対象患者・対象モダリティ・利用者・使用場面を記した使用目的の文書", en: "Intended-use statement naming the patients, modalities, users and setting" },
    frameworks: ["PMD_ACT", "FDA_SAMD", "EU_MDR", "EU_AI_ACT_ART_13", "DECIDE_AI"],
  },
  {
    key: "regulation.research_use_labelling",
    family: "REGULATION",
    phase: "PRE_START",
    title: { ja: "研究用である旨の表示（診断目的に使用しない旨）", en: "Research-use-only labelling (not for diagnostic use)" },
    evidence: { ja: "画面および出力に表示される研究用表示のスクリーンショット", en: "Screenshot of the research-use label on screens and outputs" },
    frameworks: ["PMD_ACT", "EU_AI_ACT_ART_13"],
  },
  {
    key: "regulation.incident_reporting",
    family: "REGULATION",
    phase: "ONGOING",
    title: { ja: "不具合・インシデント報告の手順と記録", en: "Incident reporting procedure and log" },
    evidence: { ja: "報告手順書と、報告記録（該当なしの場合はその旨の定期確認記録）", en: "Reporting procedure and the incident log (or the periodic record that there were none)" },
    frameworks: ["PMD_ACT", "FDA_SAMD", "EU_AI_ACT_ART_73", "MHLW_SECURITY_6_0"],
  },
  // Model and evidence
  {
    key: "model.model_card",
    family: "MODEL",
    phase: "PRE_START",
    title: { ja: "モデルカードの確認（学習データ、使用目的、性能指標、限界）", en: "Model card reviewed (training data, intended use, metrics, limitations)" },
    evidence: { ja: "確認したモデルカードとその版数", en: "The reviewed model card and its version" },
    frameworks: ["CLAIM", "DECIDE_AI", "EU_AI_ACT_ART_11", "EU_AI_ACT_ART_13"],
  },
  {
    key: "model.preregistered_targets",
    family: "MODEL",
    phase: "PRE_START",
    title: { ja: "評価指標と目標値の事前登録（最初の症例登録前）", en: "KPI targets pre-registered before the first case" },
    evidence: { ja: "日付入りの事前登録文書（主要評価項目、目標値、必要症例数）", en: "Dated pre-registration: primary KPI, targets and planned sample size" },
    frameworks: ["DECIDE_AI", "CLAIM"],
  },
  {
    key: "model.human_oversight",
    family: "MODEL",
    phase: "PRE_START",
    title: { ja: "人による監督（最終判断は医師が行う）", en: "Human oversight (the clinician makes the final call)" },
    evidence: { ja: "医師が最終判断を行うことを定めた運用手順書", en: "Procedure stating that the clinician makes and records the final call" },
    frameworks: ["EU_AI_ACT_ART_14", "DECIDE_AI"],
  },
  {
    key: "model.external_validation",
    family: "MODEL",
    phase: "PRE_DECISION",
    title: { ja: "外部検証の計画と結果", en: "External validation plan and results" },
    evidence: { ja: "外部データでの性能（信頼区間付き）を示す検証報告書", en: "Validation report on external data, with confidence intervals" },
    frameworks: ["CLAIM", "DECIDE_AI", "EU_AI_ACT_ART_15"],
  },
  {
    key: "model.bias_review",
    family: "MODEL",
    phase: "PRE_DECISION",
    title: { ja: "バイアス・サブグループ解析（年齢層、性別、装置ベンダー、施設）", en: "Bias and subgroup review (age band, sex, scanner vendor, site)" },
    evidence: { ja: "サブグループ別の感度・特異度（信頼区間付き）と考察", en: "Sensitivity and specificity per subgroup with confidence intervals, and their discussion" },
    frameworks: ["CLAIM", "DECIDE_AI", "EU_AI_ACT_ART_10"],
  },
  {
    key: "model.label_quality",
    family: "MODEL",
    phase: "PRE_DECISION",
    title: { ja: "正解ラベルの品質（評価者間一致度）", en: "Reference-standard label quality (inter-rater agreement)" },
    evidence: { ja: "評価者間一致度（κ係数など）と不一致の裁定方法の報告", en: "Inter-rater agreement (e.g. kappa) and how disagreements were adjudicated" },
    frameworks: ["CLAIM", "DECIDE_AI"],
  },
  // Explainability and workflow
  {
    key: "workflow.explanation_shown",
    family: "WORKFLOW",
    phase: "PRE_START",
    title: { ja: "説明の提示（ヒートマップとモダリティ別寄与度）", en: "Explanation shown (heat map and per-modality contribution)" },
    evidence: { ja: "説明表示画面のスクリーンショットと読影医による確認記録", en: "Screenshot of the explanation view and the readers' confirmation" },
    frameworks: ["EU_AI_ACT_ART_13", "DECIDE_AI"],
  },
  {
    key: "workflow.clinician_training",
    family: "WORKFLOW",
    phase: "PRE_START",
    title: { ja: "医師・医療従事者への教育（AIの限界と使い方）", en: "Clinicians trained (the model's limits and its use)" },
    evidence: { ja: "研修資料と受講記録（日付・受講者数）", en: "Training material and attendance record (date, number attending)" },
    frameworks: ["EU_AI_ACT_ART_4", "EU_AI_ACT_ART_14", "DECIDE_AI"],
  },
  {
    key: "workflow.review",
    family: "WORKFLOW",
    phase: "PRE_DECISION",
    title: { ja: "既存の診療ワークフローへの適合性レビュー", en: "Fit with the clinical workflow reviewed" },
    evidence: { ja: "読影時間の実測と利用者の意見をまとめたワークフロー評価報告書", en: "Workflow review with measured reading times and user feedback" },
    frameworks: ["DECIDE_AI"],
  },
  // Security
  {
    key: "security.risk_assessment",
    family: "SECURITY",
    phase: "PRE_START",
    title: { ja: "情報セキュリティのリスクアセスメント", en: "Security risk assessment" },
    evidence: { ja: "医療情報システムの安全管理に関するガイドライン 第6.0版のチェックリストに基づく評価結果", en: "Assessment against the MHLW security guideline v6.0 checklist" },
    frameworks: ["MHLW_SECURITY_6_0", "EU_AI_ACT_ART_9", "EU_AI_ACT_ART_15", "HIPAA"],
  },
  {
    key: "security.backup_restore",
    family: "SECURITY",
    phase: "PRE_START",
    title: { ja: "バックアップと復元テストの実施", en: "Backup and restore tested" },
    evidence: { ja: "復元テストの実施記録（日付・対象・所要時間・結果）", en: "Restore test record (date, scope, duration, result)" },
    frameworks: ["MHLW_SECURITY_6_0", "HIPAA"],
  },
  {
    key: "security.incident_response",
    family: "SECURITY",
    phase: "PRE_START",
    title: { ja: "セキュリティインシデント対応計画（ランサムウェアを含む）", en: "Security incident response plan (ransomware included)" },
    evidence: { ja: "対応手順書と連絡体制表", en: "Response procedure and contact list" },
    frameworks: ["MHLW_SECURITY_6_0", "HIPAA", "GDPR"],
  },
  {
    key: "security.audit_log_review",
    family: "SECURITY",
    phase: "ONGOING",
    title: { ja: "監査ログの定期点検（チェーン先頭ハッシュの外部保管を含む）", en: "Regular audit-log review (with the chain head kept elsewhere)" },
    evidence: { ja: "点検記録（実施日、確認者、検証結果、保管したチェーン先頭）", en: "Review record: date, reviewer, verification result and the saved chain head" },
    frameworks: ["MHLW_SECURITY_6_0", "EU_AI_ACT_ART_12", "HIPAA"],
  },
];
