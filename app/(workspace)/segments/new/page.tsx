import type { Metadata } from "next";
import { NewSegment } from "@/components/segments/new-segment";

export const metadata: Metadata = { title: "New segment · Segments" };

export default function NewSegmentPage() {
  return <NewSegment />;
}
