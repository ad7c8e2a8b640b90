import Link from "next/link";
import { Badge, TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import { formatDate } from "@/components/flags/format";
import { DECISION_LABELS } from "@/server/core/experiments/experiment-types";
import type { CleanupTaskItem } from "@/server/services/cleanup/cleanup-overview";
import { CleanupActionButton } from "./cleanup-action";
import { CodeReferenceSummary } from "./code-reference-summary";

/** Decided experiments whose cleanup is not done: what to do, who, by when. */
export function CleanupTaskTable({ tasks }: { tasks: CleanupTaskItem[] }) {
  return (
    <Table caption="Cleanup tasks">
      <THead>
        <Tr>
          <Th>Experiment and task</Th>
          <Th>Owner</Th>
          <Th>Due</Th>
          <Th>Code references</Th>
          <Th>
            <span className="sr-only">Action</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {tasks.map((task) => (
          <Tr key={task.id} aria-label={`Cleanup of ${task.experiment.key}`}>
            <Td className="max-w-md space-y-1">
              <p className="flex flex-wrap items-center gap-2">
                <Link href={`/experiments/${task.experiment.key}`} className="font-medium text-brand-700 hover:underline">
                  {task.experiment.name}
                </Link>
                <Badge tone={task.kind === "ship" ? "success" : task.kind === "kill" ? "danger" : "info"}>{DECISION_LABELS[task.kind]}</Badge>
              </p>
              <p className="text-slate-700">{task.instructions}</p>
              <p className="text-xs text-slate-600">
                Flag{" "}
                <Link href={`/flags/${task.flag.key}`} className="font-mono text-brand-700 hover:underline">
                  {task.flag.key}
                </Link>
                {task.flag.expired ? (
                  <>
                    {" "}
                    <Badge tone="danger">Overdue: expired {formatDate(task.flag.expiresAt)}</Badge>
                  </>
                ) : null}
                {" · decided "}
                {task.ageDays === 0 ? "today" : `${task.ageDays} day${task.ageDays === 1 ? "" : "s"} ago`}
              </p>
            </Td>
            <Td>{task.owner.name}</Td>
            <Td>
              <time dateTime={task.dueAt.toISOString()} className="block whitespace-nowrap">
                {formatDate(task.dueAt)}
              </time>
              {task.overdue ? <Badge tone="danger">{capitalise(task.dueLabel)}</Badge> : <span className="text-xs text-slate-600">{capitalise(task.dueLabel)}</span>}
            </Td>
            <Td>
              <CodeReferenceSummary flagKey={task.flag.key} references={task.references} />
            </Td>
            <Td className="whitespace-nowrap">
              {task.actions.map((action, i) => (
                <CleanupActionButton key={i} action={action} secondary={i > 0} />
              ))}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
