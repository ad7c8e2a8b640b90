"use client";
import { createContext, useContext, type ReactNode } from "react";
import { can, type Permission } from "@/server/core/access/permissions";
import type { Role } from "@/server/core/access/roles";

export type CurrentUser = { id: string; email: string; name: string; roles: Role[] };

const CurrentUserContext = createContext<CurrentUser | null>(null);

export function CurrentUserProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser needs the workspace layout");
  return user;
}

/** Mirrors the server's permission check so the UI hides what the server would refuse. */
export function useCan(permission: Permission): boolean {
  return can(useCurrentUser().roles, permission);
}
