import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { currentUser } from "@/server/auth/session";
import { CurrentUserProvider } from "@/components/layout/current-user";
import { WorkspaceNav } from "@/components/layout/workspace-nav";

export const dynamic = "force-dynamic";

export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return (
    <CurrentUserProvider user={user}>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <div className="flex min-h-screen">
        <aside className="w-60 shrink-0 border-r border-slate-200 bg-white px-3 py-5">
          <WorkspaceNav />
        </aside>
        <main id="main" className="min-w-0 flex-1 px-8 py-8" tabIndex={-1}>
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </CurrentUserProvider>
  );
}
