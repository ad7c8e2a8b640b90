import { NextResponse } from "next/server";
import { currentUser } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/core/errors";
import { experimentDocument } from "@/server/services/experiments/experiment-document";

export const dynamic = "force-dynamic";

/** GET the experiment's Markdown document (signed-in members; the page's "Download Markdown"). */
export async function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  if (!(await currentUser())) {
    return NextResponse.json({ error: "UNAUTHENTICATED", message: "Sign in to read experiment documents." }, { status: 401 });
  }
  const { key } = await params;
  try {
    const file = await experimentDocument({ db: getDb() }, key);
    return new Response(file.markdown, {
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      return NextResponse.json({ error: "NOT_FOUND", message: error.message }, { status: 404 });
    }
    throw error;
  }
}
