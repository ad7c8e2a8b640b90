"use client";
import { Fragment, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCan } from "@/components/layout/current-user";
import { Alert, Button, Card, CardBody, CardHeader, LoadingBlock, PageHeader, TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import { METRIC_KIND_LABELS, type MetricDirection, type MetricKind } from "@/server/core/metrics/metric-input";
import { MetricForm } from "./metric-form";

/** The metric catalogue: every role reads it; experimenters and admins add and edit definitions. */
export function MetricCatalogue() {
  const trpc = useTRPC();
  const metrics = useQuery(trpc.metrics.list.queryOptions());
  const canWrite = useCan("metrics:write");
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <PageHeader title="Metrics" description="What experiments are measured against — per user, never per raw event: conversion, engagement, retention, error rate, performance and revenue." />
      {metrics.isPending ? (
        <LoadingBlock label="Loading metrics…" />
      ) : metrics.isError ? (
        <Alert tone="danger">{metrics.error.message}</Alert>
      ) : (
        <Table aria-label="Metrics">
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>Kind</Th>
              <Th>Better when</Th>
              <Th>Event</Th>
              <Th>Guardrail</Th>
              <Th>Used by</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {metrics.data.map((m) => (
              <Fragment key={m.key}>
                <Tr>
                  <Td>
                    <p className="font-medium">{m.name}</p>
                    <p className="font-mono text-xs text-slate-600">{m.key}</p>
                    {m.description ? <p className="text-xs text-slate-600">{m.description}</p> : null}
                  </Td>
                  <Td>{METRIC_KIND_LABELS[m.kind as MetricKind] ?? m.kind}{m.kind === "retention" ? ` (${m.retentionDays} days)` : ""}</Td>
                  <Td>{m.direction === "increase" ? "Higher" : "Lower"}</Td>
                  <Td className="font-mono text-xs">{m.eventName}{m.denominatorEventName ? ` / ${m.denominatorEventName}` : ""}</Td>
                  <Td>{m.guardrailThreshold === null ? "—" : `${Math.round(m.guardrailThreshold * 1000) / 10} % worse`}</Td>
                  <Td>{m.usedBy} experiment{m.usedBy === 1 ? "" : "s"}</Td>
                  <Td>
                    {canWrite ? (
                      <Button variant="secondary" size="sm" aria-expanded={editing === m.key} aria-label={`Edit ${m.name}`} onClick={() => setEditing(editing === m.key ? null : m.key)}>
                        Edit
                      </Button>
                    ) : null}
                  </Td>
                </Tr>
                {editing === m.key ? (
                  <Tr>
                    <Td colSpan={7}>
                      <MetricForm existing={{ ...m, kind: m.kind as MetricKind, direction: m.direction as MetricDirection }} onDone={() => setEditing(null)} />
                    </Td>
                  </Tr>
                ) : null}
              </Fragment>
            ))}
          </TBody>
        </Table>
      )}
      {canWrite ? (
        <Card className="mt-8 max-w-3xl">
          <CardHeader title="Add a metric" description="Experiments choose their success, failure and guardrail metrics from this catalogue." />
          <CardBody>
            <MetricForm />
          </CardBody>
        </Card>
      ) : (
        <Alert tone="info" className="mt-6">Experimenters and admins add and edit metrics.</Alert>
      )}
    </>
  );
}
