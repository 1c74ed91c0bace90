/**
 * Structured log lines. Never pass request bodies, phone numbers, names or tokens here:
 * only ids, routes, statuses and timings.
 */
export type LogSink = (line: string) => void;
let sink: LogSink = (line) => console.log(line);

export function setLogSink(next: LogSink) {
  sink = next;
}

export function log(level: "info" | "warn" | "error", fields: Record<string, unknown>) {
  if (process.env.GONGNON_QUIET_LOG === "1" && level === "info") return;
  sink(JSON.stringify({ level, time: new Date().toISOString(), ...fields }));
}
