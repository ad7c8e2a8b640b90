import { z } from "zod";
import { keySchema } from "../../core/keys";
import { AppError, fieldError } from "../../core/errors";
import { compileSnapshot, parseEvaluationContext, type EvaluationResult } from "../../core/evaluation";
import type { Snapshot } from "../../core/evaluation/snapshot-format";
import { findEnvironmentByKey } from "../../db/environments";
import { findSnapshot } from "../../db/snapshots";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";

export const testFlagInput = z.object({
  flagKey: keySchema("Flag key"),
  environmentKey: keySchema("Environment key"),
  /** an evaluation context as services send it: { targetingKey, …attributes } */
  context: z.unknown(),
});
export type TestFlagInput = z.input<typeof testFlagInput>;

export type TestFlagAnswer = {
  result: EvaluationResult;
  /** the rule that decided, with its position (1-based) as the editor shows it */
  rule: { id: string; position: number; description?: string } | null;
  revision: number;
};

/**
 * "Test this flag": evaluates a context against the environment's latest published snapshot
 * with the same server/core evaluator that answers services, so the answer is exactly theirs.
 */
export async function testFlag(ctx: ServiceContext, raw: TestFlagInput): Promise<TestFlagAnswer> {
  const input = parseInput(testFlagInput, raw);
  const environment = await findEnvironmentByKey(ctx.db, input.environmentKey);
  if (!environment) throw fieldError("environmentKey", `Environment “${input.environmentKey}” does not exist.`);
  const parsed = parseEvaluationContext(input.context);
  if (!parsed.ok) throw fieldError(parsed.errorCode === "TARGETING_KEY_MISSING" ? "context.targetingKey" : "context", parsed.errorDetails);
  const row = await findSnapshot(ctx.db, environment.id);
  if (!row || row.payload === "") throw new AppError("PRECONDITION_FAILED", `${environment.name} has no published configuration yet.`);
  const snapshot = JSON.parse(row.payload) as Snapshot;
  const result = compileSnapshot(snapshot).evaluate(input.flagKey, parsed.context);
  if (!result) throw new AppError("NOT_FOUND", `Flag “${input.flagKey}” does not exist in ${environment.name}.`);
  const rules = snapshot.flags.find((f) => f.key === input.flagKey)?.rules ?? [];
  const index = result.metadata.ruleId === undefined ? -1 : rules.findIndex((r) => r.id === result.metadata.ruleId);
  const rule = index === -1 ? null : { id: rules[index]!.id, position: index + 1, ...(rules[index]!.description ? { description: rules[index]!.description } : {}) };
  return { result, rule, revision: row.revision };
}
