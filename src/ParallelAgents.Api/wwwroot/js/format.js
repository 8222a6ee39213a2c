// Number, time and status formatting shared by the views.

export function formatDuration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return "–";
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds % 60);
  if (minutes < 60) {
    return `${minutes} min ${rest} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatEta(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return "–";
  }
  return seconds < 1 ? "< 1 s" : formatDuration(seconds * 1000);
}

export function formatTime(iso) {
  if (!iso) {
    return "–";
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return "–";
  }
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
}

export function formatPercent(ratio) {
  return Number.isFinite(ratio) ? `${Math.round(ratio * 100)} %` : "–";
}

export function formatSpeedup(value) {
  return Number.isFinite(value) && value > 0 ? `${value.toFixed(2)}×` : "–";
}

const TERMINAL = new Set(["completed", "completedWithErrors", "failed", "cancelled"]);

export function isTerminal(status) {
  return TERMINAL.has(status);
}

/** Status words as people say them. */
export function statusLabel(status) {
  switch (status) {
    case "completedWithErrors":
      return "completed with errors";
    case "completed":
      return "done";
    default:
      return status ?? "unknown";
  }
}
