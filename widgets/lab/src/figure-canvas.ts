/**
 * What the canvases drawn over a heatmap figure share (the cell colours under the plot, the
 * printed values over it): where a grid of cells sits, and sizing a canvas to the figure.
 */

/** Where a grid of cells sits in the figure, in CSS pixels. */
export interface GridGeometry {
  /** Left and top edge of the first cell. */
  left: number;
  top: number;
  cellWidth: number;
  cellHeight: number;
  rows: number;
  cols: number;
}

/**
 * Sizes `canvas` to a `width` x `height` CSS-pixel figure at the page's device pixel ratio and
 * returns that ratio. Its bitmap is only reallocated (which clears it) when the size changed.
 */
export function sizeFigureCanvas(canvas: HTMLCanvasElement, width: number, height: number): number {
  const ratio = canvas.ownerDocument.defaultView?.devicePixelRatio || 1;
  const pixelWidth = Math.max(1, Math.round(width * ratio));
  const pixelHeight = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
  if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  return ratio;
}
