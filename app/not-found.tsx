import type { Metadata } from "next";
import { connection } from "next/server";
import { LinkButton } from "@/components/ui";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Keel's 404 page. Rendered per request (not prerendered like Next's default one) so it gets the
 * page CSP's nonce on its scripts (proxy.ts); a prerendered page has no nonce and its scripts
 * would be blocked.
 */
export default async function NotFound() {
  await connection();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm text-center">
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">There is nothing at this address.</p>
        <LinkButton href="/dashboard" className="mt-6">
          Go to the dashboard
        </LinkButton>
      </div>
    </main>
  );
}
