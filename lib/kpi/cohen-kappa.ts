import { z95 } from "./normal-distribution";

/** 2×2 agreement table: a = both positive, b = first positive only, c = second positive only, d = both negative. */
export type AgreementTable = { bothPositive: number; firstOnly: number; secondOnly: number; bothNegative: number };
export type KappaEstimate = { estimate: number | null; lower: number | null; upper: number | null; n: number; observedAgreement: number | null };

// Cohen (1960) kappa = (po − pe)/(1 − pe); SE from Fleiss, Cohen & Everitt (1969) large-sample variance.
export function cohenKappa(table: AgreementTable, z = z95): KappaEstimate {
  const { bothPositive: a, firstOnly: b, secondOnly: c, bothNegative: d } = table;
  const n = a + b + c + d;
  if (n === 0) return { estimate: null, lower: null, upper: null, n, observedAgreement: null };
  const po = (a + d) / n;
  const firstPositive = (a + b) / n;
  const secondPositive = (a + c) / n;
  const pe = firstPositive * secondPositive + (1 - firstPositive) * (1 - secondPositive);
  if (pe === 1) return { estimate: null, lower: null, upper: null, n, observedAgreement: po };
  const kappa = (po - pe) / (1 - pe);
  // Fleiss–Cohen–Everitt: Σ p_ii[1 − (p_i. + p_.i)(1 − κ)]² + (1 − κ)² Σ_{i≠j} p_ij (p_.i + p_j.)² − [κ − pe(1 − κ)]², over n(1 − pe)².
  const rows = [firstPositive, 1 - firstPositive];
  const columns = [secondPositive, 1 - secondPositive];
  const cells = [
    [a / n, b / n],
    [c / n, d / n],
  ];
  let sum = 0;
  for (let i = 0; i < 2; i++) {
    sum += cells[i]![i]! * (1 - (rows[i]! + columns[i]!) * (1 - kappa)) ** 2;
    for (let j = 0; j < 2; j++) if (i !== j) sum += (1 - kappa) ** 2 * cells[i]![j]! * (columns[i]! + rows[j]!) ** 2;
  }
  sum -= (kappa - pe * (1 - kappa)) ** 2;
  const standardError = Math.sqrt(Math.max(0, sum) / (n * (1 - pe) ** 2));
  return { estimate: kappa, lower: Math.max(-1, kappa - z * standardError), upper: Math.min(1, kappa + z * standardError), n, observedAgreement: po };
}
