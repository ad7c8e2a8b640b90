import { fieldError } from "../errors";

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** "1048576", "512k", "512KiB", "2MB", "1.5 MiB" → bytes (units are binary: k = 1024). */
export function parseByteSize(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = UNITS[match?.[2]?.toLowerCase() ?? "?"];
  const bytes = match && unit !== undefined ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!(bytes > 0)) throw fieldError(option, `${option} must be a size such as 1048576, 512KiB or 2MiB (got ${JSON.stringify(text)}).`);
  return bytes;
}

/** 512 → "512 B", 1536 → "1.5 KiB", 3 * 2^20 → "3 MiB". */
export function formatByteSize(bytes: number): string {
  const [unit, size] = bytes >= 1024 ** 3 ? ["GiB", 1024 ** 3] : bytes >= 1024 ** 2 ? ["MiB", 1024 ** 2] : bytes >= 1024 ? ["KiB", 1024] : ["B", 1];
  return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
}
