import type { Metadata } from "next";
import { SectionNotBuilt } from "@/components/layout/section-not-built";

export const metadata: Metadata = { title: "Metrics" };

export default function MetricsPage() {
  return (
    <SectionNotBuilt
      title="Metrics"
      purpose="What experiments are measured against: conversion, engagement, retention, error rate and performance."
      plan="Metric definitions are seeded; the catalogue page is not built yet. It will list each metric with its kind, the event services send for it and which direction counts as better."
    />
  );
}
