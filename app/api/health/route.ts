import { NextResponse } from "next/server";
import { getEvaluationRuntime } from "@/server/services/evaluation/runtime-instance";

export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers: 200 while this instance can serve evaluations. `evaluation`
 * says whether the snapshots it serves are fresh ("ok") or the last ones held while the
 * database is unreachable ("stale").
 */
export function GET() {
  const evaluation = getEvaluationRuntime().health();
  return NextResponse.json({ ok: true, evaluation });
}
