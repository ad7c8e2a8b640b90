import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui";
import type { ExperimentResultsView } from "@/server/services/measurement/experiment-results";
import { RowHeader } from "./row-header";
import { formatCount, formatPercent } from "./format";

type Props = Pick<ExperimentResultsView, "sample" | "variations" | "totalUnits">;

/** How far the smallest variation is from the planned sample, and how the units split. */
export function SampleProgress({ sample, variations, totalUnits }: Props) {
  const percent = sample.progress === null ? null : Math.round(sample.progress * 100);
  const summary =
    sample.plannedPerVariation === null
      ? `${formatCount(sample.smallestArm)} units in the smallest variation (the design has no planned sample size)`
      : `${formatCount(sample.smallestArm)} of ${formatCount(sample.plannedPerVariation)} units in the smallest variation`;
  return (
    <div className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-900">Sample</h3>
      {percent !== null ? (
        <div
          role="progressbar"
          aria-label="Sample progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent} %: ${summary}`}
          className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      <p className="text-sm text-slate-700">
        {percent !== null ? <span className="font-medium text-slate-900">{percent} % · </span> : null}
        {summary} · {formatCount(totalUnits)} units in all
      </p>
      <Table caption="Units by variation">
        <THead>
          <Tr>
            <Th>Variation</Th>
            <Th className="text-right">Units</Th>
            <Th className="text-right">Planned share</Th>
            <Th className="text-right">Observed share</Th>
          </Tr>
        </THead>
        <TBody>
          {variations.map((v) => (
            <Tr key={v.key}>
              <RowHeader>
                {v.key}
                {v.isControl ? <span className="font-normal text-slate-600"> (control)</span> : null}
              </RowHeader>
              <Td className="text-right whitespace-nowrap tabular-nums">{formatCount(v.units)}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{formatPercent(v.plannedShare)}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{v.observedShare === null ? "—" : formatPercent(v.observedShare)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
