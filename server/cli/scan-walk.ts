import { type Dirent, existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import type { SkippedPath } from "../core/code-references/scan-result";
import { describeFsError } from "./scan-options";

/** Never scanned, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set([".git", "node_modules"]);

export type WalkOptions = { include: string[]; exclude: string[]; followExternalSymlinks: boolean };
/** `path` is relative to the root, with "/" separators. */
export type WalkedFile = { path: string; absolute: string };
export type WalkResult = { files: WalkedFile[]; skipped: SkippedPath[] };

/** The rules of one .gitignore file, and how a root-relative path reads from the folder that holds it. */
type IgnoreLevel = { rules: Ignore; prefix: string; strip: number };
type Folder = { path: string; absolute: string; real: string; levels: IgnoreLevel[] };

/**
 * The files under `root` to scan, in a stable (sorted) order, as git sees the tree: .gitignore
 * files of the root, of its sub-folders and of the folders above it up to the repository's top
 * are honoured; .git and node_modules are skipped. Symlinks are followed inside the root; one
 * that leads back into a folder being walked (a loop), to a folder already walked, outside the
 * root (unless followExternalSymlinks) or nowhere is reported in `skipped` instead.
 */
export function walkFiles(root: string, options: WalkOptions): WalkResult {
  const glob = { dot: true, windows: false };
  const included = options.include.length > 0 ? picomatch(options.include, glob) : () => true;
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude, glob) : () => false;
  const rootReal = realpathSync(root);
  const walked = new Map<string, string>([[rootReal, "."]]);
  const result: WalkResult = { files: [], skipped: [] };
  const stack: Folder[] = [{ path: "", absolute: root, real: rootReal, levels: ignoreLevelsAbove(root) }];

  while (stack.length > 0) {
    const folder = stack.pop()!;
    const levels = withGitignoreOf(folder);
    const subfolders: Folder[] = [];
    for (const entry of readEntries(folder, result.skipped)) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const relative = folder.path ? `${folder.path}/${entry.name}` : entry.name;
      const absolute = path.join(folder.absolute, entry.name);
      const target = entry.isSymbolicLink() ? followSymlink(absolute) : { real: path.join(folder.real, entry.name), isFolder: entry.isDirectory(), isFile: entry.isFile() };
      if (isIgnored(levels, relative, "isFolder" in target && target.isFolder) || excluded(relative)) continue;
      if ("problem" in target) {
        result.skipped.push({ path: relative, reason: target.problem });
        continue;
      }
      const outside = target.real !== rootReal && !target.real.startsWith(rootReal + path.sep);
      if (outside && !options.followExternalSymlinks) {
        result.skipped.push({ path: relative, reason: `symlink to ${target.real}, outside the scanned folder (--follow-external-symlinks follows it)` });
      } else if (target.isFolder) {
        const problem = folderProblem(folder.real, target.real, walked, rootReal);
        if (problem) result.skipped.push({ path: relative, reason: problem });
        else {
          walked.set(target.real, relative);
          subfolders.push({ path: relative, absolute, real: target.real, levels });
        }
      } else if (!target.isFile) {
        result.skipped.push({ path: relative, reason: "not a regular file (a socket, pipe or device)" });
      } else if (included(relative)) {
        result.files.push({ path: relative, absolute });
      }
    }
    stack.push(...subfolders.reverse());
  }
  return result;
}

function readEntries(folder: Folder, skipped: SkippedPath[]): Dirent[] {
  try {
    return readdirSync(folder.absolute, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    skipped.push({ path: folder.path || ".", reason: `cannot read the folder: ${describeFsError(error)}` });
    return [];
  }
}

function followSymlink(absolute: string): { real: string; isFolder: boolean; isFile: boolean } | { problem: string } {
  try {
    const stats = statSync(absolute);
    return { real: realpathSync(absolute), isFolder: stats.isDirectory(), isFile: stats.isFile() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === "ENOENT" ? "broken symlink (its target does not exist)" : `cannot follow the symlink: ${describeFsError(error)}` };
  }
}

/** Why a (symlinked) folder is not walked: it encloses the folder that links to it, or it was walked already. */
function folderProblem(fromReal: string, targetReal: string, walked: Map<string, string>, rootReal: string): string | null {
  if (fromReal === targetReal || fromReal.startsWith(targetReal + path.sep)) {
    return `symlink loop: it points back to ${path.relative(rootReal, targetReal) || "the scanned folder"}, which encloses it`;
  }
  const first = walked.get(targetReal);
  return first === undefined ? null : `the same folder as ${first}, scanned there`;
}

function withGitignoreOf(folder: Folder): IgnoreLevel[] {
  const rules = readGitignore(folder.absolute);
  if (!rules) return folder.levels;
  return [...folder.levels, { rules, prefix: "", strip: folder.path ? folder.path.length + 1 : 0 }];
}

function readGitignore(folder: string): Ignore | null {
  try {
    return ignore().add(readFileSync(path.join(folder, ".gitignore"), "utf8"));
  } catch {
    return null; // no .gitignore here (or unreadable: git would not honour it either)
  }
}

/** The .gitignore files from the repository's top (the folder holding .git) down to the root's parent. */
function ignoreLevelsAbove(root: string): IgnoreLevel[] {
  if (existsSync(path.join(root, ".git"))) return [];
  const above: string[] = [];
  for (let folder = path.dirname(root); !above.includes(folder); folder = path.dirname(folder)) {
    above.unshift(folder);
    if (!existsSync(path.join(folder, ".git"))) continue;
    return above.flatMap((outer) => {
      const rules = readGitignore(outer);
      return rules ? [{ rules, prefix: `${path.relative(outer, root).split(path.sep).join("/")}/`, strip: 0 }] : [];
    });
  }
  return []; // not in a git repository
}

/** Git's rule: the last matching line wins, and a deeper .gitignore comes later. */
function isIgnored(levels: IgnoreLevel[], relative: string, isFolder: boolean): boolean {
  let ignored = false;
  for (const level of levels) {
    const result = level.rules.test(`${level.prefix}${relative.slice(level.strip)}${isFolder ? "/" : ""}`);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}
