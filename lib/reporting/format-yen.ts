/**
 * Yen as a board reads it: 1.2億円 / 350万円 in Japanese, 120 M JPY / 350 k JPY in English, with
 * thousands separators and at most one decimal. Used for chart ticks and tiles; tables keep full yen.
 */
export function formatYenCompact(valueJpy: number, locale: string): string {
  const sign = valueJpy < 0 ? "−" : "";
  const size = Math.abs(valueJpy);
  const number = (scaled: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: scaled < 10 ? 1 : 0 }).format(scaled);
  if (locale === "ja") {
    if (size >= 1e8) return `${sign}${number(size / 1e8)}億円`;
    if (size >= 1e4) return `${sign}${number(size / 1e4)}万円`;
    return `${sign}${number(size)}円`;
  }
  if (size >= 1e9) return `${sign}${number(size / 1e9)} bn JPY`;
  if (size >= 1e6) return `${sign}${number(size / 1e6)} M JPY`;
  if (size >= 1e3) return `${sign}${number(size / 1e3)} k JPY`;
  return `${sign}${number(size)} JPY`;
}
