import { createSegmentInput, deleteSegmentInput, segmentKeyInput, updateSegmentInput } from "../../core/segments/segment-input";
import { createRouter, permissionProcedure } from "../trpc";
import { createSegment } from "../../services/segments/create-segment";
import { updateSegment } from "../../services/segments/update-segment";
import { deleteSegment } from "../../services/segments/delete-segment";
import { getSegment, listSegments } from "../../services/segments/list-segments";

/** Segments: everyone reads them; experimenters and admins change them (like flags, whose rules use them). */
export const segmentsRouter = createRouter({
  list: permissionProcedure("workspace:read").query(({ ctx }) => listSegments(ctx.service)),
  byKey: permissionProcedure("workspace:read")
    .input(segmentKeyInput)
    .query(({ ctx, input }) => getSegment(ctx.service, input)),
  create: permissionProcedure("flags:write")
    .input(createSegmentInput)
    .mutation(({ ctx, input }) => createSegment(ctx.service, input)),
  update: permissionProcedure("flags:write")
    .input(updateSegmentInput)
    .mutation(({ ctx, input }) => updateSegment(ctx.service, input)),
  delete: permissionProcedure("flags:write")
    .input(deleteSegmentInput)
    .mutation(({ ctx, input }) => deleteSegment(ctx.service, input)),
});
