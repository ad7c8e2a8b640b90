"use client";
import { useEffect, useRef, useState } from "react";
import { Alert, Button } from "@/components/ui";
import { SDK_KEY_KIND_LABELS, type SdkKeyKind } from "@/server/core/sdk-keys/sdk-key";

export type CreatedSdkKey = { secret: string; key: { kind: SdkKeyKind; name: string; environmentName: string } };

/** The one time a key's secret is shown: a read-only field, a copy button and a clear warning. */
export function SdkKeysSecretAlert({ created, onDismiss }: { created: CreatedSdkKey; onDismiss: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "select">("idle");

  // Mounted once per created key (keyed by the secret): focus the key so it can be copied at once.
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [created.secret]);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopy("copied");
    } catch {
      // No clipboard access (e.g. plain http): select the key so Ctrl+C / ⌘C copies it.
      field.current?.focus();
      field.current?.select();
      setCopy("select");
    }
  }

  return (
    <Alert tone="success" title={`${SDK_KEY_KIND_LABELS[created.key.kind]} key “${created.key.name}” created for ${created.key.environmentName}`}>
      <p className="font-medium">Copy this key now: Keel stores only a hash and cannot show it again.</p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="sdk-key-secret" className="block text-sm font-medium">
            New SDK key
          </label>
          <input
            ref={field}
            id="sdk-key-secret"
            readOnly
            value={created.secret}
            spellCheck={false}
            autoComplete="off"
            onFocus={(e) => e.currentTarget.select()}
            className="mt-1 block h-10 w-full rounded-lg border border-slate-400 bg-white px-3 font-mono text-sm text-slate-900"
          />
        </div>
        <Button variant="secondary" onClick={copySecret}>
          Copy key
        </Button>
        <Button variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
      <p aria-live="polite" className="mt-2 text-sm">
        {copy === "copied" ? "Copied to the clipboard." : copy === "select" ? "Selected: press Ctrl+C (⌘C on a Mac) to copy it." : ""}
      </p>
    </Alert>
  );
}
