// Enhancements only: every page works without this file. Loaded as a module from the service's own origin,
// so the Content-Security-Policy allows no inline script at all.
import { initAll } from "/frontend/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// The session timeout warning: a dialog two minutes before an idle session ends, with a way to stay signed in.
const seconds = Number(document.body.dataset.sessionSeconds || 0);
const dialog = document.getElementById("session-timeout");
if (seconds > 0 && dialog && typeof dialog.showModal === "function") {
  const warnAt = Math.max(seconds - 120, 0) * 1000;
  let warning = setTimeout(warn, warnAt);
  let ending = setTimeout(end, seconds * 1000);

  function warn() {
    dialog.showModal();
    dialog.querySelector("button").focus();
  }

  function end() {
    window.location.href = "/signed-out?timeout=1";
  }

  dialog.querySelector("button").addEventListener("click", async () => {
    const answer = await fetch("/partner/session", { method: "GET", credentials: "same-origin", cache: "no-store" });
    if (!answer.ok) return end();
    dialog.close();
    clearTimeout(warning);
    clearTimeout(ending);
    warning = setTimeout(warn, warnAt);
    ending = setTimeout(end, seconds * 1000);
  });
}
