"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { cn, Button } from "@/components/ui";
import { ROLE_LABELS } from "@/server/core/access/roles";
import { useCurrentUser } from "./current-user";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

const NAV_ITEMS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/inbox", label: "Inbox" },
  { href: "/experiments", label: "Experiments" },
  { href: "/flags", label: "Flags" },
  { href: "/segments", label: "Segments" },
  { href: "/approvals", label: "Approvals" },
  { href: "/cleanup", label: "Cleanup" },
  { href: "/metrics", label: "Metrics" },
  { href: "/settings", label: "Settings" },
  { href: "/audit-log", label: "Audit log" },
] as const;

/** Unread notifications, refreshed every 15 s: shown next to "Inbox", read as "Inbox, 2 unread". */
function useUnreadCount(): number {
  const trpc = useTRPC();
  const unread = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), refetchInterval: 15_000 });
  return unread.data ?? 0;
}

export function WorkspaceNav() {
  const pathname = usePathname();
  const user = useCurrentUser();
  const unread = useUnreadCount();
  return (
    <div className="flex h-full flex-col">
      <Link href="/dashboard" className="mb-6 flex items-center gap-2 px-3 text-lg font-semibold text-slate-900">
        <span aria-hidden="true" className="inline-block h-6 w-6 rounded-md bg-brand-600" />
        Keel
      </Link>
      <nav aria-label="Workspace" className="flex-1">
        <ul className="space-y-1">
          {NAV_ITEMS.map((item) => {
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  aria-label={item.href === "/inbox" && unread > 0 ? `Inbox, ${unread} unread` : undefined}
                  className={cn(
                    "block rounded-md px-3 py-2 text-sm font-medium",
                    active ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                  )}
                >
                  {item.label}
                  {item.href === "/inbox" && unread > 0 ? (
                    <span aria-hidden="true" className="ml-2 rounded-full bg-brand-600 px-2 py-0.5 text-xs text-white">
                      {unread}
                    </span>
                  ) : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="mt-6 border-t border-slate-200 px-3 pt-4">
        <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
        <p className="truncate text-xs text-slate-600">{user.email}</p>
        <p className="mt-1 text-xs text-slate-600">{user.roles.map((r) => ROLE_LABELS[r]).join(", ") || "No role"}</p>
        <Button variant="ghost" size="sm" className="mt-3 -ml-2" onClick={() => signOut({ callbackUrl: "/sign-in" })}>
          Sign out
        </Button>
      </div>
    </div>
  );
}
