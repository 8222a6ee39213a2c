// The run page: several commands submitted together. Follows /api/runs/{id}/events and draws the run's status and
// progress and one row per job, then links the combined report once every job has ended.
import { ApiError, showErrors, deleteJson, downloadLink, followEvents, getJson, getText } from "./api.js";
import { formatTime, isTerminal, statusLabel } from "./format.js";
import { renderMarkdown } from "./markdown.js";

const $ = (id) => document.getElementById(id);

let current = null; // { id, run, jobs: Map(jobId → entry), abort, reportShown }

export function showRun(id) {
  if (current?.id === id) {
    $("run-view").hidden = false;
    return;
  }
  hideRun();
  current = { id, run: null, jobs: new Map(), abort: new AbortController(), reportShown: false };
  $("run-view").hidden = false;
  document.title = `ParallelAgents — run ${id}`;
  $("run-id").textContent = id;
  $("run-status").textContent = "loading";
  $("run-status").className = "status";
  delete $("run-status").dataset.status;
  $("run-submitted").textContent = "–";
  $("run-priority").textContent = "–";
  $("run-error").hidden = true;
  $("run-jobs").tBodies[0].replaceChildren();
  $("run-jobs-count").textContent = "";
  $("run-report-card").hidden = true;
  $("run-report").replaceChildren();
  setOverall(0, "");
  $("run-cancel").disabled = true;
  $("run-cancel").onclick = () => cancel(current);
  for (const format of ["json", "sarif", "markdown"]) {
    const link = $(`run-download-${format}`);
    const extension = format === "markdown" ? "md" : format;
    link.href = `/api/runs/${encodeURIComponent(id)}/report?format=${format}`;
    link.download = `run-report-${id}.${extension}`;
    link.onclick = (e) => downloadLink(e, link, showError);
  }
  follow(current);
}

export function hideRun() {
  if (current) {
    current.abort.abort();
    current = null;
  }
  $("run-view").hidden = true;
}

function showError(error) {
  showErrors($("run-error"), error);
}

const ended = (run) => run !== null && run.status !== "running";

async function follow(run) {
  const url = `/api/runs/${encodeURIComponent(run.id)}`;
  try {
    renderRun(run, await getJson(url));
  } catch (e) {
    if (current === run) {
      showError(e);
    }
    return;
  }
  let failures = 0;
  while (current === run && !ended(run.run) && !run.abort.signal.aborted) {
    try {
      $("run-live").textContent = "live";
      await followEvents(`${url}/events`, (type, data) => onEvent(run, type, data), run.abort.signal);
      failures = 0;
    } catch (e) {
      if (run.abort.signal.aborted) {
        return;
      }
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) {
        $("run-live").textContent = "";
        showError(e);
        return;
      }
      failures++;
      $("run-live").textContent = "reconnecting…";
    }
    if (!ended(run.run)) {
      // The stream broke before runCompleted: on reconnect the server starts from each job's snapshot again.
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 * 2 ** failures)));
    }
  }
  if (current !== run) {
    return;
  }
  $("run-live").textContent = "";
  try {
    renderRun(run, await getJson(url));
  } catch (e) {
    showError(e);
  }
  await showReport(run);
}

// Every event names its job; "snapshot" carries the job's snapshot and the others carry its status and progress
// after the event (planned, degraded and jobCompleted a whole snapshot). Replayed events can be older than what
// the row shows: a row only moves forward, and an ended job only changes with its final snapshot.
function onEvent(run, type, data) {
  if (current !== run) {
    return;
  }
  if (type === "runCompleted") {
    renderRun(run, data);
    return;
  }
  const entry = run.jobs.get(data.jobId);
  const source = data.snapshot ?? data;
  if (!entry || !source.status) {
    return;
  }
  const progress = source.progress ?? {};
  const final = type === "jobCompleted";
  if (!final && (isTerminal(entry.status) || (progress.itemsDone ?? 0) < entry.itemsDone)) {
    return;
  }
  entry.status = source.status;
  entry.itemsDone = progress.itemsDone ?? entry.itemsDone;
  entry.itemsTotal = progress.itemsTotal ?? entry.itemsTotal;
  entry.percent = progress.percent ?? entry.percent;
  entry.error = source.error ?? entry.error;
  renderRows(run);
}

function renderRun(run, snapshot) {
  run.run = snapshot;
  for (const job of snapshot.jobs ?? []) {
    const entry = run.jobs.get(job.jobId);
    // The run's snapshot is read from every job at once; it never moves a row back.
    if (!entry || isTerminal(job.status) || (!isTerminal(entry.status) && job.itemsDone >= entry.itemsDone)) {
      run.jobs.set(job.jobId, { ...job });
    }
  }
  $("run-status").textContent = statusLabel(snapshot.status);
  $("run-status").className = `status status-${snapshot.status}`;
  $("run-status").dataset.status = snapshot.status;
  $("run-submitted").textContent = formatTime(snapshot.submittedAt);
  $("run-priority").textContent = snapshot.priority ?? "normal";
  $("run-cancel").disabled = ended(snapshot);
  renderRows(run);
}

function setOverall(percent, text) {
  const bar = $("run-overall-bar");
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  bar.setAttribute("aria-valuenow", String(value));
  bar.firstElementChild.style.width = `${value}%`;
  $("run-overall-text").textContent = text;
}

function jobPercent(entry) {
  return entry.status === "completed" || entry.status === "completedWithErrors" ? 100 : entry.percent ?? 0;
}

function renderRows(run) {
  const entries = [...run.jobs.values()];
  const done = entries.reduce((sum, e) => sum + (e.itemsDone ?? 0), 0);
  const total = entries.reduce((sum, e) => sum + (e.itemsTotal ?? 0), 0);
  // As RunProjection does: items done over items planned across the jobs, 100 once the run has ended.
  const percent = ended(run.run) ? 100 : total > 0 ? (100 * done) / total : 0;
  const finished = entries.filter((e) => isTerminal(e.status)).length;
  setOverall(percent, `${finished}/${entries.length} jobs ended · ${done}/${total} items · ${Math.round(percent)} %`);
  $("run-jobs-count").textContent = entries.length ? `(${entries.length})` : "";

  const body = $("run-jobs").tBodies[0];
  const existing = new Map([...body.rows].map((row) => [row.dataset.jobId, row]));
  for (const entry of entries) {
    let row = existing.get(entry.jobId);
    if (!row) {
      row = document.createElement("tr");
      row.dataset.jobId = entry.jobId;
      row.innerHTML = '<td class="command"></td><td><span class="status"></span></td>'
        + '<td class="progress"><div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100"><div class="fill"></div></div><div class="job-error" hidden></div></td>'
        + '<td class="num count"></td><td><a class="job-link" data-link></a></td>';
      const link = row.querySelector(".job-link");
      link.href = `/jobs/${encodeURIComponent(entry.jobId)}`;
      link.textContent = entry.jobId.slice(-10);
      link.title = entry.jobId;
      body.append(row);
    }
    existing.delete(entry.jobId);
    const percentOfJob = jobPercent(entry);
    row.dataset.status = entry.status;
    row.querySelector(".command").textContent = entry.command;
    const status = row.querySelector(".status");
    status.textContent = statusLabel(entry.status);
    status.className = `status status-${entry.status}`;
    const bar = row.querySelector(".bar");
    bar.setAttribute("aria-valuenow", String(Math.round(percentOfJob)));
    bar.setAttribute("aria-label", `${entry.command} progress`);
    bar.firstElementChild.style.width = `${Math.round(percentOfJob)}%`;
    row.querySelector(".count").textContent = `${entry.itemsDone ?? 0}/${entry.itemsTotal ?? 0}`;
    const error = row.querySelector(".job-error");
    error.hidden = !entry.error;
    error.textContent = entry.error ?? "";
  }
  for (const stale of existing.values()) {
    stale.remove();
  }
}

// DELETE /api/runs/{id} cancels every job that has not ended; the events then bring each job's end.
async function cancel(run) {
  $("run-cancel").disabled = true;
  try {
    const snapshot = await deleteJson(`/api/runs/${encodeURIComponent(run.id)}`);
    if (current === run && snapshot) {
      renderRun(run, snapshot);
    }
  } catch (e) {
    showError(e);
    $("run-cancel").disabled = ended(run.run);
  }
}

async function showReport(run) {
  if (run.reportShown || !ended(run.run)) {
    return;
  }
  run.reportShown = true;
  try {
    const markdown = await getText(`/api/runs/${encodeURIComponent(run.id)}/report?format=markdown`);
    if (current !== run) {
      return;
    }
    $("run-report").innerHTML = renderMarkdown(markdown);
    $("run-report-card").hidden = false;
  } catch (e) {
    showError(e);
  }
}
