import { listEnvironments } from "../../db/environments";
import type { ServiceContext } from "../context";

export function listAllEnvironments(ctx: Pick<ServiceContext, "db">) {
  return listEnvironments(ctx.db);
}
