import { AppError } from "../../core/errors";
import { countUnread, listNotifications, markAllNotificationsRead, markNotificationRead } from "../../db/notifications";
import type { ServiceContext } from "../context";

const INBOX_SIZE = 50;

function memberId(ctx: ServiceContext): string {
  if (!ctx.actor.id) throw new AppError("FORBIDDEN", "Only members have an inbox.");
  return ctx.actor.id;
}

/** The signed-in member's 50 most recent notifications, newest first, with the unread count. */
export async function inbox(ctx: ServiceContext) {
  const id = memberId(ctx);
  const [items, unread] = await Promise.all([listNotifications(ctx.db, id, INBOX_SIZE), countUnread(ctx.db, id)]);
  return { items, unread };
}

export async function unreadCount(ctx: ServiceContext): Promise<number> {
  return countUnread(ctx.db, memberId(ctx));
}

/** Marks one of the member's own notifications read (another member's is never touched); returns how many changed. */
export async function markRead(ctx: ServiceContext, id: string): Promise<number> {
  return markNotificationRead(ctx.db, memberId(ctx), id, ctx.now());
}

/** Marks all of the member's own notifications read; returns how many changed. */
export async function markAllRead(ctx: ServiceContext): Promise<number> {
  return markAllNotificationsRead(ctx.db, memberId(ctx), ctx.now());
}
