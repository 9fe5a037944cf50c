"use client";

import { useTranslations } from "next-intl";
import type { AiOutput } from "@/lib/reading/load-ai-output";

// Limits of this AI output, shown beside it: the image looks unlike the training data, the case is
// outside the intended use, and what the calibrated probability means.
export function AiCaveats({ caveats }: { caveats: AiOutput["caveats"] }) {
  const t = useTranslations("modelV2");
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  return (
    <>
      {caveats.outOfDistribution && (
        <p className="alert warning" role="alert" data-testid="ai-out-of-distribution">
          {t("caseFlags.outOfDistribution", { score: caveats.outOfDistribution.score.toFixed(1), threshold: caveats.outOfDistribution.threshold.toFixed(1), rate: percent(caveats.outOfDistribution.falseAlarmRate) })}
        </p>
      )}
      {caveats.outsideIntendedUseReasons && (
        <p className="alert warning" data-testid="ai-outside-intended-use">
          {t("caseFlags.outsideIntendedUse", { reasons: caveats.outsideIntendedUseReasons.map((reason) => (t.has(`reasons.${reason}`) ? t(`reasons.${reason}`) : reason)).join(", ") })}
        </p>
      )}
      {caveats.calibration && (
        <p className="muted" data-testid="ai-calibration">
          {t("caseFlags.calibrated", { temperature: caveats.calibration.temperature.toFixed(3), raw: percent(caveats.calibration.probabilityUncalibrated) })}
        </p>
      )}
    </>
  );
}
