import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/server/auth/session";
import { loadEnv, oidcConfigured } from "@/server/env";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await currentUser()) redirect("/dashboard");
  const { error, callbackUrl } = await searchParams;
  const env = loadEnv();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <span aria-hidden="true" className="mx-auto mb-3 block h-10 w-10 rounded-lg bg-brand-600" />
          <h1 className="text-2xl font-semibold text-slate-900">Sign in to Keel</h1>
          <p className="mt-1 text-sm text-slate-600">Experiment fast, inside guardrails.</p>
        </div>
        <SignInForm
          initialError={error ? describeError(error) : null}
          callbackUrl={safeCallback(callbackUrl)}
          sso={oidcConfigured(env) ? { name: env.OIDC_NAME } : null}
        />
      </div>
    </main>
  );
}

/** next-auth's generic codes become sentences; our own messages pass through. */
function describeError(error: string): string {
  const known: Record<string, string> = {
    CredentialsSignin: "Email or password is incorrect.",
    OAuthSignin: "Could not start single sign-on. Try again or use your password.",
    OAuthCallback: "Single sign-on failed. Try again or use your password.",
    AccessDenied: "Your account may not sign in to Keel. Ask an admin.",
    SessionRequired: "Sign in to continue.",
  };
  return known[error] ?? error;
}

function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/dashboard";
}
