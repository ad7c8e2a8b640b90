import type { ExperimentContent } from "@/server/core/experiments/experiment-content";

/** What every editor section gets: the document, a way to change it, and the server's field errors. */
export type SectionProps = {
  content: ExperimentContent;
  onChange: (next: ExperimentContent) => void;
  errors: Record<string, string>;
  options: EditorOptions;
};

export type EditorOptions = {
  flags: { key: string; name: string; offVariationKey: string; variations: { key: string; name: string }[] }[];
  environments: { key: string; name: string }[];
  segments: { key: string; name: string }[];
  metrics: { key: string; name: string; kind: string; direction: string; description: string }[];
  maxExperimentDays: number;
};

/** A number input's text as a number (NaN when empty), so the server names the field. */
export function numberOf(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}
