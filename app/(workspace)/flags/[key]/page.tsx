import type { Metadata } from "next";
import { FlagDetail } from "@/components/flags/flag-detail";

type FlagPageProps = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: FlagPageProps): Promise<Metadata> {
  const { key } = await params;
  return { title: `${key} · Flags` };
}

export default async function FlagPage({ params }: FlagPageProps) {
  const { key } = await params;
  return <FlagDetail flagKey={key} />;
}
