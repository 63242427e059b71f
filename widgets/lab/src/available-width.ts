/**
 * How wide a heatmap view may draw. In block layout the view's element is as wide as the
 * output area, so its own width is the answer. In a flex container (an `HBox`/`VBox`, e.g.
 * `interact`'s row of results) the element is only as wide as what it drew, so measuring it
 * would feed the last drawing back in: a map drawn narrow once (a transient layout, a narrow
 * window) would never grow again. There the answer comes from the container: its content
 * width, shared among the children when the row does not wrap.
 */

/**
 * The width in CSS pixels `el` may fill, from its container when that is a flex box, else
 * from `el` itself; 0 when nothing is laid out yet (detached or hidden).
 */
export function availableWidthOf(el: HTMLElement): number {
  const parent = el.parentElement;
  const view = el.ownerDocument.defaultView;
  if (!parent || !view) return el.clientWidth;
  const container = view.getComputedStyle(parent);
  if (container.display !== "flex" && container.display !== "inline-flex") return el.clientWidth;
  const content = parent.clientWidth - px(container.paddingLeft) - px(container.paddingRight);
  const own = view.getComputedStyle(el);
  const margins = px(own.marginLeft) + px(own.marginRight);
  const row = !container.flexDirection.startsWith("column");
  const wraps = container.flexWrap === "wrap" || container.flexWrap === "wrap-reverse";
  const share = row && !wraps ? content / Math.max(1, parent.children.length) : content;
  return Math.max(0, Math.floor(share - margins));
}

/** A computed length such as "12px" in pixels (0 for "", "auto" and the like). */
function px(length: string): number {
  const value = Number.parseFloat(length);
  return Number.isFinite(value) ? value : 0;
}
