/**
 * Adjusted p-values for a family of m comparisons (every variant × metric of an experiment).
 * Same values as R's p.adjust(p, "holm") and p.adjust(p, "BH"). Formulas: README.md.
 *
 * null entries (comparisons without enough data) are kept in place and left out of the family:
 * m counts the non-null p-values only, as p.adjust does with NA.
 */

export const P_VALUE_CORRECTIONS = ["holm", "benjamini-hochberg", "none"] as const;
export type PValueCorrection = (typeof P_VALUE_CORRECTIONS)[number];

export const CORRECTION_METHODS: Record<PValueCorrection, string> = {
  holm: "Holm–Bonferroni step-down (Holm 1979): family-wise error rate",
  "benjamini-hochberg": "Benjamini–Hochberg step-up (1995): false discovery rate",
  none: "none: raw p-values",
};

type Entry = { p: number; index: number };

function present(pValues: readonly (number | null)[]): Entry[] {
  const entries: Entry[] = [];
  pValues.forEach((p, index) => {
    if (p !== null) entries.push({ p, index });
  });
  return entries.sort((a, b) => a.p - b.p || a.index - b.index);
}

/** Holm: with p₍₁₎ ≤ … ≤ p₍ₘ₎, adj₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎). */
export function holm(pValues: readonly (number | null)[]): (number | null)[] {
  const sorted = present(pValues);
  const m = sorted.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 0;
  sorted.forEach(({ p, index }, i) => {
    running = Math.max(running, Math.min(1, (m - i) * p));
    out[index] = running;
  });
  return out;
}

/** Benjamini–Hochberg: adj₍ᵢ₎ = min_{j ≥ i} min(1, m·p₍ⱼ₎/j). */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const sorted = present(pValues);
  const m = sorted.length;
  const out: (number | null)[] = pValues.map(() => null);
  let running = 1;
  sorted
    .map((entry, i) => ({ ...entry, rank: i + 1 }))
    .reverse()
    .forEach(({ p, index, rank }) => {
      running = Math.min(running, (m * p) / rank);
      out[index] = running;
    });
  return out;
}

/** The adjusted p-values of `method` ("none" returns the p-values unchanged). */
export function adjustPValues(pValues: readonly (number | null)[], method: PValueCorrection): (number | null)[] {
  if (method === "holm") return holm(pValues);
  if (method === "benjamini-hochberg") return benjaminiHochberg(pValues);
  return [...pValues];
}
