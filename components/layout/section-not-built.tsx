import { NotBuiltYet, PageHeader } from "@/components/ui";

type Props = { title: string; purpose: string; plan: string };

/** A workspace section that is planned but not built: says so plainly, with no fake data. */
export function SectionNotBuilt({ title, purpose, plan }: Props) {
  return (
    <>
      <PageHeader title={title} description={purpose} />
      <NotBuiltYet section={title} description={plan} />
    </>
  );
}
