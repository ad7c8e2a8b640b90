import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, CardBody, PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "Settings" };

const SECTIONS = [
  {
    href: "/settings/environments",
    title: "Environments",
    description: "The places flags are evaluated, such as development, staging and production. Admins can add more.",
  },
  {
    href: "/settings/members",
    title: "Members and roles",
    description: "Who can sign in to Keel and what each person may do. Admins only.",
  },
  {
    href: "/settings/sdk-keys",
    title: "SDK keys",
    description: "Per-environment server and client keys that services use to call the evaluation API. Admins only.",
  },
  {
    href: "/settings/workflow",
    title: "Experiment policy and notifications",
    description: "The maximum experiment duration, and the Slack-compatible webhook for approval requests and decisions. Admins change them.",
  },
] as const;

const COMING_LATER = [
  {
    title: "Reliability budgets",
    description: "Workspace-wide limits on how much error rate and latency may degrade before an experiment is stopped. Not built yet.",
  },
] as const;

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Configure the workspace: where flags run and who can change them." />
      <section aria-labelledby="settings-workspace" className="mb-10">
        <h2 id="settings-workspace" className="mb-3 text-lg font-semibold text-slate-900">
          Workspace
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {SECTIONS.map((section) => (
            <li key={section.href}>
              <Card className="relative h-full transition-colors focus-within:border-brand-600 hover:border-brand-300">
                <CardBody>
                  <h3 className="text-base font-semibold text-slate-900">
                    <Link href={section.href} className="after:absolute after:inset-0 after:rounded-lg hover:text-brand-700">
                      {section.title}
                    </Link>
                  </h3>
                  <p className="mt-1 text-sm text-slate-600">{section.description}</p>
                </CardBody>
              </Card>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="settings-later">
        <h2 id="settings-later" className="mb-3 text-lg font-semibold text-slate-900">
          Coming later
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {COMING_LATER.map((item) => (
            <li key={item.title}>
              <Card className="h-full border-dashed bg-slate-50 shadow-none">
                <CardBody>
                  <div className="flex items-center justify-between gap-2">
                    <h3 className="text-base font-semibold text-slate-700">{item.title}</h3>
                    <Badge tone="neutral">Coming later</Badge>
                  </div>
                  <p className="mt-1 text-sm text-slate-600">{item.description}</p>
                </CardBody>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
