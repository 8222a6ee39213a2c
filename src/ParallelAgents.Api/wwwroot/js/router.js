// Navigation without reloading the page; app.js listens for "routechange".

export function navigate(path) {
  if (location.pathname !== path) {
    history.pushState({}, "", path);
  }
  window.dispatchEvent(new Event("routechange"));
}
