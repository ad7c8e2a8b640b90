import type { Metadata } from "next";
import { MetricCatalogue } from "@/components/metrics/metric-catalogue";

export const metadata: Metadata = { title: "Metrics" };

export default function MetricsPage() {
  return <MetricCatalogue />;
}
