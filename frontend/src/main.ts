/** Entry point of the reporter app (an empty shell for now). */
import "./style.css";

/** Marks the page as ready once loaded (browser tests wait for `html[data-ready="1"]`). */
function markReady(): void {
  document.documentElement.dataset.ready = "1";
}

if (document.readyState === "complete") {
  markReady();
} else {
  window.addEventListener("load", markReady, { once: true });
}
