// The home view: the submit form built from /api/commands (one job, or a run of several commands), and the live
// job list.
import { ApiError, getJson, postFile, postJson, showErrors } from "./api.js";
import { formatDuration, formatSpeedup, formatTime, isTerminal, statusLabel } from "./format.js";
import { navigate } from "./router.js";

const POOL_FIELDS = new Set(["maxInstances", "itemsPerInstance"]);
const LIST_REFRESH_MS = 2000;

let commands = [];
let commandsLoaded = false;
let listTimer = null;
let formWired = false;

const $ = (id) => document.getElementById(id);

export function showHome() {
  $("home-view").hidden = false;
  document.title = "ParallelAgents — jobs";
  wireForm();
  if (!commandsLoaded) {
    loadCommands();
  }
  refreshJobs();
  clearInterval(listTimer);
  listTimer = setInterval(() => {
    if (!document.hidden) {
      refreshJobs();
    }
  }, LIST_REFRESH_MS);
}

export function hideHome() {
  $("home-view").hidden = true;
  clearInterval(listTimer);
  listTimer = null;
}

async function loadCommands() {
  const select = $("command");
  try {
    commands = await getJson("/api/commands");
    commandsLoaded = true;
    select.replaceChildren(...commands.map((c) => {
      const option = document.createElement("option");
      option.value = c.name;
      // A command this service does not run stays visible, so people learn it exists and what enables it.
      option.textContent = c.enabled === false ? `${c.name} — ${c.agentRole} (disabled)` : `${c.name} — ${c.agentRole}`;
      option.disabled = c.enabled === false;
      if (c.disabledReason) {
        option.title = c.disabledReason;
      }
      return option;
    }));
    const runnable = commands.filter((c) => c.enabled !== false);
    renderRunCommands(runnable);
    const preferred = runnable.find((c) => c.name === "synthetic") ? "synthetic" : runnable[0]?.name;
    if (preferred) {
      select.value = preferred;
    }
    onCommandChanged();
  } catch (e) {
    showErrors($("submit-errors"), e);
  }
}

function currentCommand() {
  return commands.find((c) => c.name === $("command").value);
}

function onCommandChanged() {
  const command = currentCommand();
  const fields = $("option-fields");
  fields.replaceChildren();
  $("submit-errors").hidden = true;
  if (!command) {
    return;
  }
  $("command-description").textContent = command.enabled === false
    ? `Disabled on this service: ${command.disabledReason ?? "it cannot be run here."}`
    : `${command.description} Strategy: ${command.strategy}; defaults: up to ${command.pool.maxInstances} instances, ${command.pool.itemsPerInstance} items per instance.`;
  $("submit").disabled = command.enabled === false;
  $("max-instances").placeholder = `default ${command.pool.maxInstances}`;
  $("items-per-instance").placeholder = `default ${command.pool.itemsPerInstance}`;
  $("workspace-kind").value = command.requiresWorkspace ? "path" : "none";
  onWorkspaceKindChanged();
  // The command picked above is the run's first job; it cannot be ticked a second time.
  for (const box of runCommandBoxes()) {
    const self = box.value === command.name;
    box.closest("label").hidden = self;
    if (self) {
      box.checked = false;
    }
  }
  onRunCommandsChanged();
  for (const option of command.options.filter((o) => !POOL_FIELDS.has(o.name))) {
    fields.append(optionField(option));
  }
  $("option-fields-box").hidden = fields.childElementCount === 0;
}

// One checkbox per runnable command: the ticked ones run beside the command above, with their default options.
function renderRunCommands(runnable) {
  $("run-commands").replaceChildren(...runnable.map((c) => {
    const label = document.createElement("label");
    label.className = "check";
    label.title = c.description;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = c.name;
    box.dataset.runCommand = "";
    box.addEventListener("change", onRunCommandsChanged);
    label.append(box, document.createTextNode(c.name));
    return label;
  }));
}

function runCommandBoxes() {
  return [...$("run-commands").querySelectorAll("input[data-run-command]")];
}

function tickedCommands() {
  return runCommandBoxes().filter((box) => box.checked && !box.closest("label").hidden).map((box) => box.value);
}

function onRunCommandsChanged() {
  const ticked = tickedCommands().length;
  $("submit").textContent = ticked > 0 ? `Submit run (${ticked + 1} commands)` : "Submit job";
}

function optionField(option) {
  const label = document.createElement("label");
  label.title = option.description;
  label.append(document.createTextNode(option.name));
  let input;
  if (option.type === "boolean" || (option.type === "string" && option.allowedValues?.length)) {
    input = document.createElement("select");
    const values = option.type === "boolean" ? ["true", "false"] : option.allowedValues;
    input.append(new Option(option.default ? `default (${option.default})` : "default", ""));
    for (const value of values) {
      input.append(new Option(value, value));
    }
  } else if (option.type === "object") {
    input = document.createElement("textarea");
    input.rows = 2;
    input.placeholder = option.default ?? "{}";
  } else {
    input = document.createElement("input");
    if (option.type === "integer" || option.type === "number") {
      input.type = "number";
      input.step = option.type === "integer" ? "1" : "any";
      if (option.minimum !== undefined && option.minimum !== null) {
        input.min = String(option.minimum);
      }
      if (option.maximum !== undefined && option.maximum !== null) {
        input.max = String(option.maximum);
      }
    }
    input.placeholder = option.type === "stringList" ? "comma, separated" : (option.default ?? "");
  }
  input.dataset.option = option.name;
  input.dataset.type = option.type;
  input.dataset.field = `options.${option.name}`;
  input.spellcheck = false;
  const hint = document.createElement("small");
  hint.className = "muted";
  hint.textContent = option.description;
  label.append(input, hint);
  return label;
}

function onWorkspaceKindChanged() {
  const kind = $("workspace-kind").value;
  $("workspace-path-field").hidden = kind !== "path";
  $("workspace-file-field").hidden = kind !== "upload";
}

function readFieldValue(input) {
  const raw = input.value.trim();
  if (raw === "") {
    return undefined;
  }
  switch (input.dataset.type) {
    case "integer":
    case "number": {
      const n = Number(raw);
      return Number.isFinite(n) ? n : raw; // the server names the field when it is not a number
    }
    case "boolean":
      return raw === "true";
    case "stringList":
      return raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
    case "object":
      try {
        return JSON.parse(raw);
      } catch {
        throw new ApiError(400, "Options are not valid.", "", { [input.dataset.field]: ["Must be a JSON object."] });
      }
    default:
      return raw;
  }
}

function buildOptions() {
  const options = {};
  for (const [id, name] of [["max-instances", "maxInstances"], ["items-per-instance", "itemsPerInstance"]]) {
    const value = readFieldValue($(id));
    if (value !== undefined) {
      options[name] = value;
    }
  }
  for (const input of $("option-fields").querySelectorAll("[data-option]")) {
    const value = readFieldValue(input);
    if (value !== undefined) {
      options[input.dataset.option] = value;
    }
  }
  const json = $("options-json").value.trim();
  if (json) {
    let parsed;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new ApiError(400, "The options JSON is not valid.", e.message, { options: ["Write a JSON object such as {\"items\": 24}."] });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new ApiError(400, "The options JSON is not valid.", "", { options: ["Write a JSON object such as {\"items\": 24}."] });
    }
    Object.assign(options, parsed);
  }
  return options;
}

// A run names the first job's fields "jobs[0].options.items", "jobs[0].command": they are the form's own fields.
function formFieldErrors(fieldErrors) {
  const mapped = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    mapped[field.startsWith("jobs[0].") ? field.slice("jobs[0].".length) : field] = messages;
  }
  return mapped;
}

function markFields(fieldErrors) {
  for (const element of document.querySelectorAll("#submit-form [data-field]")) {
    const messages = fieldErrors[element.dataset.field];
    element.classList.toggle("invalid", Boolean(messages));
    element.setAttribute("aria-invalid", messages ? "true" : "false");
    if (messages) {
      element.title = [].concat(messages).join(" ");
    }
  }
}

async function submit(e) {
  e.preventDefault();
  const errors = $("submit-errors");
  errors.hidden = true;
  markFields({});
  const button = $("submit");
  button.disabled = true;
  try {
    const body = { command: $("command").value, options: buildOptions() };
    const kind = $("workspace-kind").value;
    if (kind === "path") {
      body.workspace = { path: $("workspace-path").value.trim() };
    } else if (kind === "upload") {
      const file = $("workspace-file").files[0];
      if (!file) {
        throw new ApiError(400, "No archive chosen.", "", { workspace: ["Choose a .zip or .tar.gz file to upload."] });
      }
      const uploaded = await postFile("/api/workspaces", file);
      body.workspace = { workspaceId: uploaded.workspaceId };
    }
    const others = tickedCommands();
    if (others.length > 0) {
      const run = { jobs: [{ command: body.command, options: body.options }, ...others.map((command) => ({ command }))] };
      if (body.workspace) {
        run.workspace = body.workspace;
      }
      const snapshot = await postJson("/api/runs", run);
      navigate(`/runs/${encodeURIComponent(snapshot.id)}`);
    } else {
      const snapshot = await postJson("/api/jobs", body);
      navigate(`/jobs/${snapshot.id}`);
    }
  } catch (error) {
    showErrors(errors, error);
    if (error instanceof ApiError) {
      markFields(formFieldErrors(error.fieldErrors));
    }
  } finally {
    button.disabled = currentCommand()?.enabled === false;
  }
}

function wireForm() {
  if (formWired) {
    return;
  }
  formWired = true;
  $("max-instances").dataset.type = "integer";
  $("max-instances").dataset.field = "options.maxInstances";
  $("items-per-instance").dataset.type = "integer";
  $("items-per-instance").dataset.field = "options.itemsPerInstance";
  $("workspace-path").dataset.field = "workspace.path";
  $("options-json").dataset.field = "options";
  $("command").dataset.field = "command";
  $("command").addEventListener("change", onCommandChanged);
  $("workspace-kind").addEventListener("change", onWorkspaceKindChanged);
  $("submit-form").addEventListener("submit", submit);
}

async function refreshJobs() {
  try {
    const page = await getJson("/api/jobs?take=50");
    $("jobs-error").hidden = true;
    renderJobs(page);
  } catch (e) {
    showErrors($("jobs-error"), e);
  }
}

function renderJobs(page) {
  const body = $("jobs").tBodies[0];
  $("jobs-total").textContent = page.total ? `(${page.total})` : "";
  $("jobs-empty").hidden = page.items.length > 0;
  const now = Date.now();
  body.replaceChildren(...page.items.map((job) => {
    const row = document.createElement("tr");
    row.dataset.jobId = job.id;
    row.className = `status-${job.status}`;
    const end = job.completedAt ? Date.parse(job.completedAt) : now;
    const cells = [
      job.command,
      statusLabel(job.status),
      formatTime(job.createdAt),
      formatDuration(end - Date.parse(job.createdAt)) + (isTerminal(job.status) ? "" : " …"),
      job.instances ? String(job.instances) : "–",
      formatSpeedup(job.speedup),
    ];
    for (const [i, text] of cells.entries()) {
      const td = document.createElement("td");
      td.textContent = text;
      if (i === 1) {
        td.className = `status status-${job.status}`;
      }
      if (i >= 4) {
        td.className = "num";
      }
      row.append(td);
    }
    const idCell = document.createElement("td");
    const link = document.createElement("a");
    link.href = `/jobs/${job.id}`;
    link.dataset.link = "";
    link.textContent = job.id.slice(-8);
    link.title = job.id;
    idCell.append(link);
    row.append(idCell);
    row.addEventListener("click", (e) => {
      if (!e.target.closest("a")) {
        navigate(`/jobs/${job.id}`);
      }
    });
    return row;
  }));
}
