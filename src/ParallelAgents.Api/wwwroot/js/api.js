// HTTP access to the service: sends the API key when one is set and turns RFC 7807 problem details into errors
// that say what to fix.

const KEY_STORAGE = "parallelAgents.apiKey";

export function getApiKey() {
  try {
    return localStorage.getItem(KEY_STORAGE) || "";
  } catch {
    return "";
  }
}

// The Orleans dashboard is opened by a link, which cannot send a header: the key goes with it as a cookie sent to
// /orleans alone (the service reads it nowhere else) and never to another site.
const KEY_COOKIE = "parallel-agents-key";

function setKeyCookie(value) {
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = value
    ? `${KEY_COOKIE}=${encodeURIComponent(value)}; Path=/orleans; SameSite=Strict${secure}`
    : `${KEY_COOKIE}=; Path=/orleans; SameSite=Strict; Max-Age=0${secure}`;
}

export function setApiKey(value) {
  setKeyCookie(value);
  try {
    if (value) {
      localStorage.setItem(KEY_STORAGE, value);
    } else {
      localStorage.removeItem(KEY_STORAGE);
    }
  } catch {
    // Storage may be disabled (private mode); the key then lasts for this page only.
  }
}

function headers(extra) {
  const h = new Headers(extra || {});
  const key = getApiKey();
  if (key) {
    h.set("X-Api-Key", key);
  }
  return h;
}

/** An error answered by the API, with the problem's title, detail and per-field messages. */
/** Shows an error in a box, one paragraph per readable line (an ApiError's title, detail and field messages). */
export function showErrors(box, error) {
  const lines = error instanceof ApiError ? error.lines() : [String(error?.message ?? error)];
  box.replaceChildren(...lines.map((line) => {
    const p = document.createElement("p");
    p.textContent = line;
    return p;
  }));
  box.hidden = false;
}

export class ApiError extends Error {
  constructor(status, title, detail, fieldErrors) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title || `HTTP ${status}`;
    this.detail = detail || "";
    this.fieldErrors = fieldErrors || {};
  }

  /** Lines a person can read: the title, the detail, then "field: message" for every field. */
  lines() {
    const lines = [];
    if (this.status === 401 || this.status === 403) {
      lines.push(`${this.title} — set a valid API key in the header bar.`);
    } else {
      lines.push(this.title);
    }
    if (this.detail && this.detail !== this.title) {
      lines.push(this.detail);
    }
    for (const [field, messages] of Object.entries(this.fieldErrors)) {
      for (const message of [].concat(messages)) {
        lines.push(`${field}: ${message}`);
      }
    }
    return lines;
  }
}

async function toError(response) {
  let title = `${response.status} ${response.statusText}`.trim();
  let detail = "";
  let fieldErrors = {};
  const text = await response.text().catch(() => "");
  if (text) {
    try {
      const problem = JSON.parse(text);
      if (problem && typeof problem === "object") {
        title = typeof problem.title === "string" ? problem.title : title;
        detail = typeof problem.detail === "string" ? problem.detail : "";
        if (problem.errors && typeof problem.errors === "object") {
          fieldErrors = problem.errors;
        }
      }
    } catch {
      detail = text.length > 300 ? text.slice(0, 300) + "…" : text;
    }
  }
  return new ApiError(response.status, title, detail, fieldErrors);
}

async function request(method, url, body, contentType) {
  const init = { method, headers: headers(contentType ? { "Content-Type": contentType } : undefined) };
  if (body !== undefined) {
    init.body = body;
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, "The service did not answer.", `Is it running? (${e.message})`);
  }
  if (!response.ok) {
    throw await toError(response);
  }
  return response;
}

export async function getJson(url) {
  return (await request("GET", url)).json();
}

export async function getText(url) {
  return (await request("GET", url)).text();
}

export async function getBlob(url) {
  return (await request("GET", url)).blob();
}

/**
 * A click on a report download link. A link cannot send the API key header: with a key set, the file is fetched
 * and handed over as a blob. Errors go to onError.
 */
export async function downloadLink(e, link, onError) {
  if (!getApiKey()) {
    return;
  }
  e.preventDefault();
  try {
    const blob = await getBlob(link.href);
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = link.download;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (error) {
    onError(error);
  }
}

export async function postJson(url, value) {
  const response = await request("POST", url, value === undefined ? undefined : JSON.stringify(value), "application/json");
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export async function deleteJson(url) {
  const text = await (await request("DELETE", url)).text();
  return text ? JSON.parse(text) : null;
}

export async function postFile(url, file) {
  const form = new FormData();
  form.append("file", file, file.name);
  const response = await request("POST", url, form);
  return response.json();
}

/**
 * Follows a job's Server-Sent Events. EventSource cannot send headers, so the stream is read with fetch, which can
 * carry the API key. Calls onEvent(type, data) per event; resolves when the server ends the stream.
 */
export async function followEvents(url, onEvent, signal) {
  const response = await fetch(url, { headers: headers({ Accept: "text/event-stream" }), signal });
  if (!response.ok) {
    throw await toError(response);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let type = "message";
  let data = [];
  const dispatch = () => {
    if (data.length > 0) {
      let parsed = null;
      try {
        parsed = JSON.parse(data.join("\n"));
      } catch {
        parsed = null;
      }
      if (parsed !== null) {
        onEvent(type, parsed);
      }
    }
    type = "message";
    data = [];
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffer += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      let line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.endsWith("\r")) {
        line = line.slice(0, -1);
      }
      if (line === "") {
        dispatch();
      } else if (line.startsWith("event:")) {
        type = line.slice(6).trim();
      } else if (line.startsWith("data:")) {
        data.push(line.slice(5).replace(/^ /, ""));
      }
    }
  }
  dispatch();
}
