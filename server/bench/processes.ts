/**
 * Child processes for the HTTP benchmark: each runs in its own process group (detached), so
 * stopping one stops everything it started (tsx runs the script in a second node process).
 * Every child is registered and stopped when the benchmark ends, fails or is interrupted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";

export type Managed = {
  name: string;
  pid: number;
  child: ChildProcess;
  /** the last ~64 KiB of stdout and stderr, for error messages */
  output(): string;
  exited: Promise<number | null>;
  isRunning(): boolean;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the leader has exited */
  stop(graceMs?: number): Promise<void>;
};

const running = new Set<Managed>();
let hooksInstalled = false;

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Kills every child still registered (synchronous: also usable from process.on("exit")). */
export function killAllChildren(): void {
  for (const m of running) signalGroup(m.pid, "SIGKILL");
  running.clear();
}

function installHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", killAllChildren);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      console.error(`\nbench: ${signal}, stopping child processes…`);
      killAllChildren();
      process.exit(130);
    });
  }
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean } = {},
): Managed {
  installHooks();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  let buffer = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    if (options.echo) process.stdout.write(text.replace(/^(?=.)/gm, `    [${name}] `));
    buffer = (buffer + text).slice(-65_536);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  let alive = true;
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => {
      alive = false;
      running.delete(managed);
      // the leader is gone; make sure nothing it started lingers
      signalGroup(child.pid!, "SIGKILL");
      resolve(code);
    });
  });
  const managed: Managed = {
    name,
    pid: child.pid,
    child,
    output: () => buffer,
    exited,
    isRunning: () => alive,
    async stop(graceMs = 5_000) {
      if (!alive) return;
      signalGroup(child.pid!, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child.pid!, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(managed);
  return managed;
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function runToCompletion(
  name: string,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean; timeoutMs?: number } = {},
): Promise<string> {
  const m = startProcess(name, command, args, options);
  const timer = options.timeoutMs ? setTimeout(() => void m.stop(1_000), options.timeoutMs) : null;
  const code = await m.exited;
  if (timer) clearTimeout(timer);
  if (code !== 0) throw new Error(`${name} failed (exit ${code}):\n${m.output().slice(-4_000)}`);
  return m.output();
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) used so far by every live process of a process group; null where /proc is unavailable. */
export function groupCpuSeconds(pgid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // the command name is in parentheses and may contain spaces: parse after the last ")"
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we looked
    }
  }
  return ticks / CLOCK_TICKS;
}

/** Thrown from a waitFor check to stop waiting at once. */
export class GiveUp extends Error {}

/**
 * Polls `check` until it returns true; other errors mean "not yet", a GiveUp stops at once.
 * Throws after `timeoutMs` (with `describe()`, e.g. the process output, in the message).
 */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, describe: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      if (error instanceof GiveUp) throw new Error(`${what}: ${error.message}${describe() ? `\n${describe().slice(-3_000)}` : ""}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe() ? `:\n${describe().slice(-3_000)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
