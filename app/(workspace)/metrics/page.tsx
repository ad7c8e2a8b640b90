import type { Metadata } from "next";
import { NotBuiltYet, PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "Metrics" };

export default function MetricsPage() {
  return (
    <>
      <PageHeader title="Metrics" description="What experiments are measured against: conversion, engagement, retention, error rate and performance." />
      <NotBuiltYet
        section="The metric catalogue"
        description="Metric definitions are seeded; the catalogue page is not built yet. It will list each metric with its kind, the event services send for it and which direction counts as better."
      />
    </>
  );
}
