import { decideApprovalInput } from "../../core/experiments/experiment-input";
import { createRouter, permissionProcedure } from "../trpc";
import { decideApproval } from "../../services/experiments/decide-approval";
import { approvalQueue } from "../../services/experiments/read-experiments";

export const approvalsRouter = createRouter({
  /** pending requests of the kinds the member reviews, with the full document and the diff since the last approval */
  queue: permissionProcedure("workspace:read").query(({ ctx }) => approvalQueue(ctx.service)),
  decide: permissionProcedure("approvals:decide")
    .input(decideApprovalInput)
    .mutation(({ ctx, input }) => decideApproval(ctx.service, input)),
});
