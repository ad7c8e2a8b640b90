import { createMemberInput, updateMemberRolesInput } from "../../core/members/member-input";
import { createRouter, permissionProcedure } from "../trpc";
import { createMember } from "../../services/members/create-member";
import { updateMemberRoles } from "../../services/members/update-member-roles";
import { listMembers } from "../../services/members/list-members";

export const membersRouter = createRouter({
  list: permissionProcedure("members:manage").query(({ ctx }) => listMembers(ctx.service)),
  create: permissionProcedure("members:manage")
    .input(createMemberInput)
    .mutation(async ({ ctx, input }) => {
      const user = await createMember(ctx.service, input);
      return { id: user.id, email: user.email, name: user.name, roles: user.roles };
    }),
  updateRoles: permissionProcedure("members:manage")
    .input(updateMemberRolesInput)
    .mutation(async ({ ctx, input }) => {
      const user = await updateMemberRoles(ctx.service, input);
      return { id: user.id, email: user.email, roles: user.roles };
    }),
});
