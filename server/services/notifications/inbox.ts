import { AppError } from "../../core/errors";
import { countUnread, listNotifications, markNotificationsRead } from "../../db/notifications";
import type { ServiceContext } from "../context";

function memberId(ctx: ServiceContext): string {
  if (!ctx.actor.id) throw new AppError("FORBIDDEN", "Only members have an inbox.");
  return ctx.actor.id;
}

/** The signed-in member's inbox, newest first, with the unread count. */
export async function inbox(ctx: ServiceContext) {
  const id = memberId(ctx);
  const [items, unread] = await Promise.all([listNotifications(ctx.db, id, 50), countUnread(ctx.db, id)]);
  return { items, unread };
}

export async function unreadCount(ctx: ServiceContext): Promise<number> {
  return countUnread(ctx.db, memberId(ctx));
}

/** Marks one of the member's own notifications (or all of them) read; others' are never touched. */
export async function markRead(ctx: ServiceContext, id?: string): Promise<number> {
  return markNotificationsRead(ctx.db, memberId(ctx), ctx.now(), id);
}
