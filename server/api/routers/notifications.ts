import { z } from "zod";
import { createRouter, signedInProcedure } from "../trpc";
import { inbox, markAllRead, markRead, unreadCount } from "../../services/notifications/inbox";

/** Every signed-in member's own inbox; nobody reads or marks another member's notifications. */
export const notificationsRouter = createRouter({
  list: signedInProcedure.query(({ ctx }) => inbox(ctx.service)),
  unreadCount: signedInProcedure.query(({ ctx }) => unreadCount(ctx.service)),
  markRead: signedInProcedure
    .input(z.object({ id: z.string({ error: "Notification id is required." }).min(1, "Notification id is required.") }))
    .mutation(({ ctx, input }) => markRead(ctx.service, input.id)),
  markAllRead: signedInProcedure.mutation(({ ctx }) => markAllRead(ctx.service)),
});
