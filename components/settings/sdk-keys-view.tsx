"use client";
import { useCan } from "@/components/layout/current-user";
import { Alert, PageHeader } from "@/components/ui";
import { SDK_KEY_KIND_DESCRIPTIONS, SDK_KEY_KIND_LABELS, SDK_KEY_KINDS } from "@/server/core/sdk-keys/sdk-key";
import { SdkKeysCreateForm } from "./sdk-keys-create-form";
import { SdkKeysTable } from "./sdk-keys-table";

/** Settings → SDK keys: admins create, list and revoke the keys services call Keel with. */
export function SdkKeysView() {
  const canManage = useCan("sdkKeys:manage");
  return (
    <>
      <PageHeader
        title="SDK keys"
        description="Services authenticate to Keel's evaluation API with a key per environment. Keel stores only a hash of each key: the secret is shown once, when the key is created."
      />
      <div className="space-y-8">
        <SdkKeyKinds />
        {canManage ? (
          <>
            <SdkKeysCreateForm />
            <SdkKeysTable />
          </>
        ) : (
          <Alert tone="warning">Only admins manage SDK keys. Ask an admin for a key for your service.</Alert>
        )}
      </div>
    </>
  );
}

function SdkKeyKinds() {
  return (
    <section aria-labelledby="sdk-key-kinds">
      <h2 id="sdk-key-kinds" className="mb-2 text-lg font-semibold text-slate-900">
        Key kinds
      </h2>
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        {SDK_KEY_KINDS.map((kind) => (
          <div key={kind} className="rounded-lg border border-slate-200 bg-white px-4 py-3">
            <dt className="font-medium text-slate-900">{SDK_KEY_KIND_LABELS[kind]} keys</dt>
            <dd className="mt-1 text-slate-700">{SDK_KEY_KIND_DESCRIPTIONS[kind]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
