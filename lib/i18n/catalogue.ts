import enClinical from "./messages/en/clinical.json";
import enCommon from "./messages/en/common.json";
import enDashboard from "./messages/en/dashboard.json";
import enGovernance from "./messages/en/governance.json";
import enModelV2 from "./messages/en/model-v2.json";
import enMonitoring from "./messages/en/monitoring.json";
import enPacs from "./messages/en/pacs.json";
import enReaderStudy from "./messages/en/reader-study.json";
import enSecurity from "./messages/en/security.json";
import enTrust from "./messages/en/trust.json";
import enUi from "./messages/en/ui.json";
import jaClinical from "./messages/ja/clinical.json";
import jaCommon from "./messages/ja/common.json";
import jaDashboard from "./messages/ja/dashboard.json";
import jaGovernance from "./messages/ja/governance.json";
import jaModelV2 from "./messages/ja/model-v2.json";
import jaMonitoring from "./messages/ja/monitoring.json";
import jaPacs from "./messages/ja/pacs.json";
import jaReaderStudy from "./messages/ja/reader-study.json";
import jaSecurity from "./messages/ja/security.json";
import jaTrust from "./messages/ja/trust.json";
import jaUi from "./messages/ja/ui.json";
import type { Locale } from "./locales";

// One file per domain and language keeps each feature's texts together; each file's top-level keys
// are namespaces of their own.
export const catalogues: Record<Locale, Record<string, unknown>> = {
  ja: { ...jaCommon, ...jaGovernance, ...jaClinical, ...jaSecurity, ...jaDashboard, ...jaTrust, ...jaModelV2, ...jaMonitoring, ...jaPacs, ...jaReaderStudy, ...jaUi },
  en: { ...enCommon, ...enGovernance, ...enClinical, ...enSecurity, ...enDashboard, ...enTrust, ...enModelV2, ...enMonitoring, ...enPacs, ...enReaderStudy, ...enUi },
};
