import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness probe for load balancers and the test harness. */
export function GET() {
  return NextResponse.json({ ok: true });
}
