import Link from "next/link";
import { Alert } from "@/components/ui";
import { formatDate } from "@/components/flags/format";
import type { ExperimentView } from "@/server/services/experiments/experiment-view";

/** The decision's cleanup task on the experiment page: what to do, who, by when; or how it ended. */
export function CleanupTaskNotice({ view }: { view: ExperimentView }) {
  const task = view.cleanup;
  if (!task) return null;
  if (task.state === "done") {
    return (
      <Alert tone="success" title="Cleanup done">
        {task.completion}
      </Alert>
    );
  }
  return (
    <Alert tone={task.overdue ? "danger" : "info"} title={task.overdue ? "Cleanup overdue" : "Cleanup task"}>
      <p>{task.instructions}</p>
      <p className="mt-1">
        Owner: {task.owner} · due {formatDate(task.dueAt)} ({task.dueLabel}) ·{" "}
        <Link href="/cleanup" className="font-medium underline">
          Cleanup page
        </Link>
      </p>
    </Alert>
  );
}
