import type { Metadata } from "next";
import { SegmentDetail } from "@/components/segments/segment-detail";

type SegmentPageProps = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: SegmentPageProps): Promise<Metadata> {
  const { key } = await params;
  return { title: `${key} · Segments` };
}

export default async function SegmentPage({ params }: SegmentPageProps) {
  const { key } = await params;
  return <SegmentDetail segmentKey={key} />;
}
