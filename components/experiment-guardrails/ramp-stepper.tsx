import { cn } from "@/components/ui";

/** The index of the step the experiment is on: the highest step at or below the current exposure (-1 before the first). */
export function currentStepIndex(schedule: readonly number[], currentExposure: number): number {
  let index = -1;
  schedule.forEach((step, i) => {
    if (step <= currentExposure) index = i;
  });
  return index;
}

/** The ramp's steps in order; done steps filled, the current one marked (aria-current="step"). */
export function RampStepper({ schedule, currentExposure }: { schedule: readonly number[]; currentExposure: number }) {
  const current = currentStepIndex(schedule, currentExposure);
  return (
    <ol aria-label="Ramp schedule" className="flex flex-wrap items-center gap-2">
      {schedule.map((step, i) => {
        const state = i < current ? "done" : i === current ? "current" : "next";
        return (
          <li key={step} aria-current={state === "current" ? "step" : undefined} className="flex items-center gap-2">
            {i > 0 ? <span aria-hidden="true" className={cn("h-0.5 w-6", i <= current ? "bg-brand-600" : "bg-slate-300")} /> : null}
            <span
              className={cn(
                "inline-flex min-w-14 items-center justify-center rounded-full px-3 py-1 text-sm font-medium tabular-nums ring-1 ring-inset",
                state === "done" && "bg-brand-50 text-brand-800 ring-brand-600/30",
                state === "current" && "bg-brand-600 text-white ring-brand-700",
                state === "next" && "bg-white text-slate-700 ring-slate-300",
              )}
            >
              {step} %
              <span className="sr-only">{state === "done" ? " (done)" : state === "current" ? " (current step)" : ""}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
