import { budgetSpentAtThreshold, formatNumber, formatPercent, maxBurnRate } from "./environment-reliability-fields";

type Inputs = { slaTarget: string; budgetWindowDays: string; longWindowMinutes: string; burnRateThreshold: string };

/**
 * What the typed numbers mean, recomputed as they change: the error budget (100 % − SLA), the
 * highest burn rate that SLA allows, and how much budget a burn at the threshold spends before
 * the alert fires.
 */
export function ReliabilityBudgetExplainer({ typed }: { typed: Inputs }) {
  const sla = Number(typed.slaTarget) / 100;
  const days = Number(typed.budgetWindowDays);
  const longMinutes = Number(typed.longWindowMinutes);
  const threshold = Number(typed.burnRateThreshold);
  const slaOk = typed.slaTarget.trim() !== "" && sla > 0 && sla < 1;
  const windowOk = days > 0 && longMinutes > 0 && threshold > 0;
  return (
    <div className="space-y-1 rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-700">
      <p>
        {slaOk ? (
          <>
            Error budget: <strong className="font-semibold text-slate-900">{formatPercent(1 - sla)}</strong> of requests may fail over {days > 0 ? `${formatNumber(days)} days` : "the budget window"}
            {" "}(100 % − SLA). The highest possible burn rate is {formatNumber(maxBurnRate(sla))}× (every request failing).
          </>
        ) : (
          "The error budget is 100 % − SLA: the share of requests allowed to fail over the budget window. A 100 % SLA leaves none."
        )}
      </p>
      <p>
        {windowOk
          ? `A variant burning the budget at ${formatNumber(threshold)}× over both windows is aborted; at that pace the long window spends ${formatPercent(budgetSpentAtThreshold({ burnRateThreshold: threshold, longWindowMinutes: longMinutes, budgetWindowDays: days }), 1)} of the budget.`
          : "Burn rate: how fast errors spend the budget. 1× spends exactly the budget over the window."}
      </p>
    </div>
  );
}
