// Entry point: client-side routing between the job list (/), a job page (/jobs/{id}) and a run page (/runs/{id}),
// and the API key field.
import { getApiKey, setApiKey } from "./api.js";
import { showHome, hideHome } from "./home.js";
import { showJob, hideJob } from "./job.js";
import { showRun, hideRun } from "./run.js";
import { navigate } from "./router.js";

function route() {
  const job = /^\/jobs\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location.pathname);
  const run = /^\/runs\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location.pathname);
  document.getElementById("banner").hidden = true;
  if (job) {
    hideHome();
    hideRun();
    showJob(job[1]);
  } else if (run) {
    hideHome();
    hideJob();
    showRun(run[1]);
  } else {
    hideJob();
    hideRun();
    showHome();
  }
}


function setUpApiKey() {
  const input = document.getElementById("api-key");
  const state = document.getElementById("api-key-state");
  input.value = getApiKey();
  // A key saved before the cookie existed (or whose cookie expired with the session) gets it again.
  setApiKey(input.value);
  state.textContent = input.value ? "saved" : "";
  document.getElementById("api-key-form").addEventListener("submit", (e) => {
    e.preventDefault();
    setApiKey(input.value.trim());
    state.textContent = input.value.trim() ? "saved" : "cleared";
    route();
  });
}

document.addEventListener("click", (e) => {
  const link = e.target.closest("a[data-link]");
  if (link && link.origin === location.origin && e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey) {
    e.preventDefault();
    navigate(link.pathname);
  }
});
window.addEventListener("popstate", route);
window.addEventListener("routechange", route);
setUpApiKey();
route();
