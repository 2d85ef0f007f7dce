// After a build that set items aside on time-out, their abandoned work (native decode, a hung socket) may still hold the process: let the CLI exit once the output is committed.
import type { BuildReport } from './report.js';

/** Arms an unref'd timer: it never keeps the process alive, but fires (and exits with the exit code already set)
 *  when something abandoned does. Only for the CLI: an in-process caller (tests, `start`) keeps its process. */
export function exitDespiteAbandonedWork(report: BuildReport, graceMs = 2_000): void {
  if (!report.items.byReason['image.timeout']) return;
  setTimeout(() => process.exit(process.exitCode ?? 0), graceMs).unref();
}
