import { z } from "zod";
import { createRouter, signedInProcedure } from "../trpc";
import { inbox, markRead, unreadCount } from "../../services/notifications/inbox";

export const notificationsRouter = createRouter({
  list: signedInProcedure.query(({ ctx }) => inbox(ctx.service)),
  unreadCount: signedInProcedure.query(({ ctx }) => unreadCount(ctx.service)),
  markRead: signedInProcedure
    .input(z.object({ id: z.string().min(1, "Notification id is required.").optional() }))
    .mutation(({ ctx, input }) => markRead(ctx.service, input.id)),
});
