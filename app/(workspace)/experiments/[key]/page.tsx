import type { Metadata } from "next";
import { ExperimentPage } from "@/components/experiment-detail/experiment-page";

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: `${key} · Experiments` };
}

export default async function ExperimentRoute({ params }: Props) {
  const { key } = await params;
  return <ExperimentPage experimentKey={key} />;
}
