import type { Db, Tx } from "./client";
import { isRole, type Role } from "../core/access/roles";

export type UserRecord = {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  deactivatedAt: Date | null;
  failedSignInCount: number;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
  /** the team the member works in ("" for none) */
  team: string;
  createdAt: Date;
  roles: Role[];
};

const withRoles = { roles: { select: { role: true } } } as const;

type UserRow = Omit<UserRecord, "roles"> & { roles: { role: string }[] };

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.passwordHash,
    deactivatedAt: row.deactivatedAt,
    failedSignInCount: row.failedSignInCount,
    lockedUntil: row.lockedUntil,
    lastSignInAt: row.lastSignInAt,
    team: row.team,
    createdAt: row.createdAt,
    roles: row.roles.map((r) => r.role).filter(isRole),
  };
}

export async function findUserByEmail(db: Db | Tx, email: string): Promise<UserRecord | null> {
  const row = await db.user.findUnique({ where: { email }, include: withRoles });
  return row ? toRecord(row) : null;
}

export async function findUserById(db: Db | Tx, id: string): Promise<UserRecord | null> {
  const row = await db.user.findUnique({ where: { id }, include: withRoles });
  return row ? toRecord(row) : null;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await db.user.findMany({ include: withRoles, orderBy: { email: "asc" } });
  return rows.map(toRecord);
}

export async function insertUser(
  tx: Tx,
  data: { email: string; name: string; passwordHash: string | null; roles: readonly Role[]; team?: string },
): Promise<UserRecord> {
  const row = await tx.user.create({
    data: {
      email: data.email,
      name: data.name,
      passwordHash: data.passwordHash,
      team: data.team ?? "",
      roles: { create: data.roles.map((role) => ({ role })) },
    },
    include: withRoles,
  });
  return toRecord(row);
}

export async function replaceUserRoles(tx: Tx, userId: string, roles: readonly Role[]): Promise<void> {
  await tx.userRole.deleteMany({ where: { userId } });
  await tx.userRole.createMany({ data: roles.map((role) => ({ userId, role })) });
}

export async function findAdminIds(tx: Db | Tx): Promise<string[]> {
  const rows = await tx.userRole.findMany({
    where: { role: "admin", user: { deactivatedAt: null } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

export async function saveSignInThrottle(
  db: Db | Tx,
  userId: string,
  state: { failedSignInCount: number; lockedUntil: Date | null; lastFailedSignInAt?: Date; lastSignInAt?: Date },
): Promise<void> {
  await db.user.update({ where: { id: userId }, data: state });
}

/** Records a successful sign-in without touching the password throttle (SSO). */
export async function recordSignIn(db: Db | Tx, userId: string, at: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: at } });
}

export async function setUserDeactivatedAt(tx: Tx, userId: string, deactivatedAt: Date | null): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { deactivatedAt } });
}

export async function setUserTeam(tx: Tx, userId: string, team: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { team } });
}
