/**
 * The page's status line: whether the notebook is live, still running, or why a cell could not
 * run live. The export puts an empty `#upsampling-lab-status` in the page; tests read
 * `document.documentElement.dataset.liveState` (`running`, `live`, `partial`, `failed`).
 */

/** State of the live page. */
export type LiveState = "running" | "live" | "partial" | "failed";

/** Id of the status line element. */
export const STATUS_ELEMENT_ID = "upsampling-lab-status";

/** Shows `text` in the status line and records `state` on the root element. */
export function setStatus(state: LiveState, text: string): void {
  document.documentElement.dataset.liveState = state;
  let element = document.getElementById(STATUS_ELEMENT_ID);
  if (element === null) {
    element = document.createElement("div");
    element.id = STATUS_ELEMENT_ID;
    document.body.prepend(element);
  }
  element.dataset.state = state;
  // When the page reached its final state, in ms since navigation started (tests and the bench read it).
  if (state !== "running") document.documentElement.dataset.liveMs = String(Math.round(performance.now()));
  element.textContent = text;
}
