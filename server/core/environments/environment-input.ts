import { z } from "zod";
import { keySchema } from "../keys";

export const DEFAULT_ENVIRONMENTS = [
  { key: "development", name: "Development", isProduction: false, sortOrder: 0 },
  { key: "staging", name: "Staging", isProduction: false, sortOrder: 1 },
  { key: "production", name: "Production", isProduction: true, sortOrder: 2 },
] as const;

export const createEnvironmentInput = z.object({
  key: keySchema("Environment key"),
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(60, "Name must be at most 60 characters."),
  description: z.string().trim().max(500, "Description must be at most 500 characters.").default(""),
  isProduction: z.boolean().default(false),
});
export type CreateEnvironmentInput = z.input<typeof createEnvironmentInput>;
