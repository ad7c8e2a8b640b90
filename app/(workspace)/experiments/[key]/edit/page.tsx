import type { Metadata } from "next";
import { ExperimentEditor } from "@/components/experiments/experiment-editor";

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: `Edit ${key} · Experiments` };
}

export default async function EditExperimentPage({ params }: Props) {
  const { key } = await params;
  return <ExperimentEditor experimentKey={key} />;
}
