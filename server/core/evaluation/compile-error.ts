/**
 * Thrown by compileSnapshot when a snapshot cannot be evaluated (a reference to a missing
 * variation or segment, a segment cycle, an invalid condition or rollout). The message names the
 * flag or segment, the rule and the field; `path` locates the field in the snapshot JSON
 * (e.g. "flags.3.rules.0.conditions.1.values").
 */
export class SnapshotCompileError extends Error {
  readonly path: string;

  constructor(message: string, path: string) {
    super(message);
    this.name = "SnapshotCompileError";
    this.path = path;
  }
}
