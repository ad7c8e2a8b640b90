import { Alert } from "@/components/ui";
import type { SrmResult } from "@/server/core/stats/srm";
import { formatCount, formatSmallPValue } from "./format";

/** Sample ratio mismatch: the split differs from the planned weights, so no lift can be trusted and ship is blocked. */
export function SrmBanner({ srm, variations }: { srm: SrmResult; variations: readonly { key: string }[] }) {
  if (!srm.srm) return null;
  return (
    <Alert tone="danger" title="Sample ratio mismatch">
      <p>
        The observed split of units differs from the planned weights (χ² test, p = {formatSmallPValue(srm.pValue)} &lt; {srm.threshold}). Assignment or
        exposure logging is probably broken, so the lifts below cannot be trusted. Ship is blocked until the cause is found.
      </p>
      <ul className="mt-2 list-disc pl-5">
        {variations.map((v, i) => (
          <li key={v.key}>
            {v.key}: {formatCount(srm.observed[i] ?? 0)} observed vs {formatCount(srm.expected[i] ?? 0)} expected
          </li>
        ))}
      </ul>
    </Alert>
  );
}
