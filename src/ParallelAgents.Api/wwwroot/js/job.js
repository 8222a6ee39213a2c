// The job page: follows /api/jobs/{id}/events and draws one bar per instance, the overall bar, ETA, the bottleneck,
// the metrics, and the report once the job ends.
import { ApiError, showErrors, downloadLink, followEvents, getJson, getText, postJson } from "./api.js";
import { formatDuration, formatEta, formatPercent, formatSpeedup, formatTime, isTerminal, statusLabel } from "./format.js";
import { renderMarkdown } from "./markdown.js";

const $ = (id) => document.getElementById(id);

let current = null; // { id, snapshot, abort, reportShown }

export function showJob(id) {
  if (current?.id === id) {
    $("job-view").hidden = false;
    return;
  }
  hideJob();
  current = { id, snapshot: null, abort: new AbortController(), reportShown: false };
  $("job-view").hidden = false;
  document.title = `ParallelAgents — job ${id}`;
  $("job-id").textContent = id;
  $("job-command").textContent = "";
  $("job-status").textContent = "loading";
  $("job-status").className = "status";
  $("job-created").textContent = "–";
  $("job-error").hidden = true;
  $("instances").replaceChildren();
  $("metrics").replaceChildren();
  $("usage").replaceChildren();
  $("usage-card").hidden = true;
  $("budget-stop").hidden = true;
  $("report-card").hidden = true;
  $("report").replaceChildren();
  setOverall(0, "");
  $("eta").textContent = "–";
  $("bottleneck").textContent = "–";
  $("cancel").disabled = true;
  $("cancel").onclick = () => cancel(id);
  for (const format of ["json", "sarif", "markdown"]) {
    const link = $(`download-${format}`);
    const extension = format === "markdown" ? "md" : format === "sarif" ? "sarif" : "json";
    link.href = `/api/jobs/${id}/report?format=${format}`;
    link.download = `report-${id}.${extension}`;
    link.onclick = (e) => downloadLink(e, link, showError);
  }
  follow(current);
}

export function hideJob() {
  if (current) {
    current.abort.abort();
    current = null;
  }
  $("job-view").hidden = true;
}

function showError(error) {
  showErrors($("job-error"), error);
}

async function follow(job) {
  let failures = 0;
  while (current === job && !job.abort.signal.aborted) {
    try {
      $("job-live").textContent = "live";
      await followEvents(`/api/jobs/${job.id}/events`, (type, data) => onEvent(job, type, data), job.abort.signal);
      failures = 0;
    } catch (e) {
      if (job.abort.signal.aborted) {
        return;
      }
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
        $("job-live").textContent = "";
        showError(e);
        return;
      }
      failures++;
      $("job-live").textContent = "reconnecting…";
    }
    if (job.snapshot && isTerminal(job.snapshot.status)) {
      break;
    }
    // The stream ended early (proxy timeout, restart): the server replays from a fresh snapshot on reconnect.
    await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 * 2 ** failures)));
  }
  if (current !== job) {
    return;
  }
  $("job-live").textContent = "";
  try {
    // The final snapshot carries the finished metrics even when the last event was synthesized.
    render(job, await getJson(`/api/jobs/${job.id}`));
  } catch (e) {
    showError(e);
  }
  await showReport(job);
}

// Replayed events can be older than the snapshot the stream starts with; an instance or the overall progress only
// ever moves forward (a new attempt, more items, a later state), so older news is ignored.
const STATE_RANK = { pending: 0, running: 1, retrying: 2, reassigned: 2, completed: 3, failed: 3, cancelled: 3 };

function newer(candidate, current) {
  if (!current) {
    return true;
  }
  const a = [candidate.attempt ?? 0, candidate.itemsDone ?? 0, STATE_RANK[candidate.state] ?? 0];
  const b = [current.attempt ?? 0, current.itemsDone ?? 0, STATE_RANK[current.state] ?? 0];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return a[i] > b[i];
    }
  }
  return true;
}

function mergeInstances(current, incoming) {
  const byIndex = new Map((current ?? []).map((i) => [i.index, i]));
  for (const instance of incoming) {
    if (newer(instance, byIndex.get(instance.index))) {
      byIndex.set(instance.index, instance);
    }
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

function onEvent(job, type, data) {
  if (current !== job) {
    return;
  }
  const previous = job.snapshot;
  if (type === "snapshot" || !previous) {
    if (data.snapshot || type === "snapshot") {
      render(job, data.snapshot ?? data);
    }
    return;
  }
  const final = type === "jobCompleted";
  const base = final && data.snapshot ? data.snapshot : previous;
  const next = { ...base };
  const incoming = data.snapshot ? data.snapshot.instances ?? [] : data.instance ? [data.instance] : [];
  next.instances = final && data.snapshot ? base.instances : mergeInstances(previous.instances, incoming);
  if (final || (data.progress && (data.progress.itemsDone ?? 0) >= (previous.progress?.itemsDone ?? 0))) {
    next.progress = data.progress ?? base.progress;
    next.status = data.status ?? base.status;
  }
  if (data.progress?.usage && (data.progress.usage.calls ?? 0) + (data.progress.usage.cacheHits ?? 0) >= usageCount(next.usage)) {
    next.usage = data.progress.usage;
  }
  next.budgetStop = data.snapshot?.budgetStop ?? (type === "budgetReached" ? data.message : null) ?? base.budgetStop ?? previous.budgetStop;
  render(job, next);
}

function setOverall(percent, text) {
  const bar = $("overall-bar");
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  bar.setAttribute("aria-valuenow", String(value));
  bar.firstElementChild.style.width = `${value}%`;
  $("overall-text").textContent = text;
}

function render(job, snapshot) {
  job.snapshot = snapshot;
  const terminal = isTerminal(snapshot.status);
  $("job-command").textContent = snapshot.command;
  $("job-status").textContent = statusLabel(snapshot.status) + (snapshot.degraded ? " (degraded)" : "");
  $("job-status").className = `status status-${snapshot.status}`;
  $("job-status").dataset.status = snapshot.status;
  $("job-created").textContent = formatTime(snapshot.createdAt);
  $("cancel").disabled = terminal;

  const p = snapshot.progress ?? { percent: 0, itemsDone: 0, itemsTotal: 0 };
  const percent = snapshot.status === "completed" ? 100 : p.percent ?? 0;
  setOverall(percent, `${p.itemsDone}/${p.itemsTotal} items · ${Math.round(percent)} %`);
  $("eta").textContent = terminal ? "done" : formatEta(p.etaSeconds);
  const bottleneckIndex = terminal ? null : p.bottleneckIndex ?? null;
  $("bottleneck").textContent = bottleneckIndex === null ? "–" : `#${bottleneckIndex} ${p.bottleneck ?? ""}`;

  if (snapshot.error) {
    showError(new Error(snapshot.error));
  }
  renderInstances(snapshot.instances ?? [], bottleneckIndex);
  renderMetrics(snapshot);
  renderUsage(snapshot);
}

function usageCount(usage) {
  return usage ? (usage.calls ?? 0) + (usage.cacheHits ?? 0) : -1;
}

function formatUsage(usage) {
  const tokens = (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
  return `${tokens.toLocaleString("en-US")} tokens · ${usage.calls ?? 0} calls`;
}

// Jobs of model-backed agents: tokens, calls, 429s, retries, cache hits and estimated cost, and the budget stop.
function renderUsage(snapshot) {
  const usage = snapshot.usage ?? snapshot.progress?.usage;
  $("usage-card").hidden = !usage;
  const stop = $("budget-stop");
  stop.hidden = !snapshot.budgetStop;
  stop.textContent = snapshot.budgetStop ? `Budget reached — no new item starts: ${snapshot.budgetStop}` : "";
  if (!usage) {
    return;
  }
  const entries = [
    ["input tokens", usage.inputTokens ?? 0, "prompt tokens billed"],
    ["output tokens", usage.outputTokens ?? 0, "completion tokens billed"],
    ["cached input tokens", usage.cachedInputTokens ?? 0, "prompt tokens the provider served from its prompt cache"],
    ["calls", usage.calls ?? 0, "requests sent to the provider, every attempt counted"],
    ["cache hits", usage.cacheHits ?? 0, "answers reused from the response cache, no call made"],
    ["429s", usage.throttled ?? 0, "answers telling the service to slow down"],
    ["retries", usage.retries ?? 0, "attempts after the first"],
    ["cost", `${(usage.costUsd ?? 0).toFixed(4)} USD`, "estimated from the provider's configured prices"],
  ];
  $("usage").replaceChildren(...entries.map(([name, value, help]) => {
    const div = document.createElement("div");
    div.title = help;
    div.dataset.usage = name;
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = typeof value === "number" ? value.toLocaleString("en-US") : value;
    div.append(dt, dd);
    return div;
  }));
}

function renderInstances(instances, bottleneckIndex) {
  const box = $("instances");
  $("instances-count").textContent = instances.length ? `(${instances.length})` : "";
  const existing = new Map([...box.children].map((row) => [row.dataset.index, row]));
  for (const instance of instances) {
    let row = existing.get(String(instance.index));
    if (!row) {
      row = document.createElement("div");
      row.className = "instance";
      row.dataset.index = String(instance.index);
      row.innerHTML = '<div class="instance-label"><span class="index"></span> <span class="key"></span></div>'
        + '<div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100"><div class="fill"></div></div>'
        + '<div class="instance-info"><span class="count"></span> <span class="state"></span> <span class="attempt"></span> <span class="silo"></span> <span class="eta"></span></div>'
        + '<div class="instance-usage" hidden></div>'
        + '<div class="instance-error" hidden></div>';
      box.append(row);
    }
    existing.delete(String(instance.index));
    const done = instance.itemsDone ?? 0;
    const total = instance.itemsTotal ?? 0;
    const percent = total > 0 ? Math.round((done / total) * 100) : instance.state === "completed" ? 100 : 0;
    const bar = row.querySelector(".bar");
    bar.setAttribute("aria-valuenow", String(percent));
    bar.setAttribute("aria-label", `instance ${instance.index} ${instance.key}`);
    bar.firstElementChild.style.width = `${percent}%`;
    row.dataset.state = instance.state;
    row.classList.toggle("bottleneck", instance.index === bottleneckIndex);
    row.querySelector(".index").textContent = `#${instance.index}`;
    row.querySelector(".key").textContent = instance.key;
    row.querySelector(".key").title = instance.key;
    row.querySelector(".count").textContent = `${done}/${total}`;
    row.querySelector(".state").textContent = instance.state === "completed" ? "done" : instance.state;
    row.querySelector(".state").className = `state state-${instance.state}`;
    row.querySelector(".attempt").textContent = `attempt ${instance.attempt}`;
    row.querySelector(".silo").textContent = instance.silo ? `on ${siloName(instance.silo)}` : "";
    row.querySelector(".silo").title = instance.silo ?? "";
    row.querySelector(".eta").textContent = instance.state === "running" && Number.isFinite(instance.etaSeconds) ? `ETA ${formatEta(instance.etaSeconds)}` : "";
    const usage = row.querySelector(".instance-usage");
    usage.hidden = !instance.usage;
    usage.textContent = instance.usage ? formatUsage(instance.usage) : "";
    const error = row.querySelector(".instance-error");
    error.hidden = !instance.error;
    error.textContent = instance.error ?? "";
  }
  for (const stale of existing.values()) {
    stale.remove();
  }
}

// "S10.0.0.4:11111:154865395" → "10.0.0.4:11111": the generation number tells people nothing.
function siloName(silo) {
  const match = /^S?(.+:\d+):\d+$/.exec(silo);
  return match ? match[1] : silo;
}

function renderMetrics(snapshot) {
  // Most metrics are measured when the job ends; zeros before that would read as real figures.
  const m = { ...(snapshot.metrics ?? {}) };
  if (!isTerminal(snapshot.status)) {
    m.wallMs = snapshot.startedAt ? Math.max(0, Date.now() - Date.parse(snapshot.startedAt)) : null;
    for (const name of ["speedup", "utilization", "spawnMs", "aggregationMs", "busyMs"]) {
      if (!m[name]) {
        m[name] = null;
      }
    }
  }
  // As the reports do (MetricFigures): a job without instances, or without a measured wall time, has no pool figures.
  if (!(m.instances || snapshot.instances?.length)) {
    for (const name of ["speedup", "utilization", "distributionEfficiency", "spawnMs", "busyMs"]) {
      m[name] = null;
    }
  }
  if (!m.wallMs) {
    m.wallMs = null;
    m.speedup = null;
    m.utilization = null;
  }
  if (!m.aggregationMs) {
    m.aggregationMs = null;
  }
  const entries = [
    ["speedup", formatSpeedup(m.speedup), "busy time of all instances / wall time"],
    ["distribution efficiency", formatPercent(m.distributionEfficiency ?? NaN), "mean segment cost / largest segment cost"],
    ["utilization", formatPercent(m.utilization ?? NaN), "busy time / (instances × wall time)"],
    ["spawn time", formatDuration(m.spawnMs), "from dispatch until the last instance started"],
    ["aggregation overhead", formatDuration(m.aggregationMs), "merging the results into the report"],
    ["wall time", formatDuration(m.wallMs), "first dispatch to last completion"],
    ["busy time", formatDuration(m.busyMs), "sum over instances"],
    ["instances", m.instances ? String(m.instances) : String(snapshot.instances?.length ?? 0), "pool size"],
  ];
  const list = $("metrics");
  list.replaceChildren(...entries.map(([name, value, help]) => {
    const div = document.createElement("div");
    div.title = help;
    div.dataset.metric = name;
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = value;
    div.append(dt, dd);
    return div;
  }));
}

async function showReport(job) {
  if (job.reportShown || !job.snapshot || !isTerminal(job.snapshot.status)) {
    return;
  }
  job.reportShown = true;
  try {
    const markdown = await getText(`/api/jobs/${job.id}/report?format=markdown`);
    if (current !== job) {
      return;
    }
    $("report").innerHTML = renderMarkdown(markdown);
    $("report-card").hidden = false;
  } catch (e) {
    showError(e);
  }
}

async function cancel(id) {
  $("cancel").disabled = true;
  try {
    const snapshot = await postJson(`/api/jobs/${id}/cancel`);
    if (current?.id === id && snapshot) {
      render(current, snapshot);
    }
  } catch (e) {
    showError(e);
    $("cancel").disabled = false;
  }
}
