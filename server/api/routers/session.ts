import { createRouter, publicProcedure, signedInProcedure } from "../trpc";

export const sessionRouter = createRouter({
  /** Who am I and what may I do: the UI mirrors permissions from this. */
  me: signedInProcedure.query(({ ctx }) => ctx.user),
  /** Liveness for load balancers and the e2e harness. */
  health: publicProcedure.query(() => ({ ok: true as const })),
});
