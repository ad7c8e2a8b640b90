import { createMemberInput, setMemberActiveInput, updateMemberRolesInput } from "../../core/members/member-input";
import { createRouter, permissionProcedure } from "../trpc";
import { createMember } from "../../services/members/create-member";
import { updateMemberRoles } from "../../services/members/update-member-roles";
import { listMembers } from "../../services/members/list-members";
import { setMemberActive } from "../../services/members/set-member-active";

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
  setActive: permissionProcedure("members:manage")
    .input(setMemberActiveInput)
    .mutation(async ({ ctx, input }) => {
      const user = await setMemberActive(ctx.service, input);
      return { id: user.id, email: user.email, active: user.deactivatedAt === null };
    }),
});
