/** Service-facing route, mounted in Next for deployments that run Next alone; `npm start` answers it on the fast path first. */
import { handleServiceRoute } from "@/server/http/next-mount";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export {
  handleServiceRoute as GET,
  handleServiceRoute as POST,
  handleServiceRoute as OPTIONS,
  handleServiceRoute as PUT,
  handleServiceRoute as DELETE,
  handleServiceRoute as PATCH,
};
