/**
 * The JupyterLab theme as the figure needs it: background, text and line colours and the
 * UI font, read from the theme's CSS variables, and a watcher that reports theme switches
 * (JupyterLab sets `data-jp-theme-light` / `data-jp-theme-name` on `<body>`).
 */

/** Colours and font of the figure. */
export interface Theme {
  dark: boolean;
  background: string;
  foreground: string;
  gridColor: string;
  fontFamily: string;
}

/** JupyterLab Light's values, used where a variable is not set (e.g. outside JupyterLab). */
export const LIGHT_THEME: Theme = {
  dark: false,
  background: "#ffffff",
  foreground: "rgba(0, 0, 0, 0.87)",
  gridColor: "#e0e0e0",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif",
};

/** JupyterLab Dark's values. */
export const DARK_THEME: Theme = {
  dark: true,
  background: "#111111",
  foreground: "rgba(255, 255, 255, 1)",
  gridColor: "#424242",
  fontFamily: LIGHT_THEME.fontFamily,
};

/** Whether the page shows a dark JupyterLab theme (`<body data-jp-theme-light="false">`). */
export function isDarkTheme(doc: Document = document): boolean {
  return doc.body?.dataset.jpThemeLight === "false";
}

/** Reads the current theme from the CSS variables visible at `element`. */
export function readTheme(element: Element): Theme {
  const dark = isDarkTheme(element.ownerDocument);
  const fallback = dark ? DARK_THEME : LIGHT_THEME;
  const view = element.ownerDocument.defaultView;
  const style = view ? view.getComputedStyle(element) : null;
  const variable = (name: string, otherwise: string): string => {
    const value = style?.getPropertyValue(name).trim();
    return value ? value : otherwise;
  };
  return {
    dark,
    background: variable("--jp-layout-color0", fallback.background),
    foreground: variable("--jp-ui-font-color1", fallback.foreground),
    gridColor: variable("--jp-border-color2", fallback.gridColor),
    fontFamily: variable("--jp-ui-font-family", fallback.fontFamily),
  };
}

/**
 * Calls `onChange` whenever JupyterLab switches theme (the attributes on `<body>` change).
 * Returns a function that stops watching.
 */
export function watchTheme(onChange: () => void, doc: Document = document): () => void {
  const view = doc.defaultView;
  if (!doc.body || !view || typeof view.MutationObserver !== "function") return () => undefined;
  const observer = new view.MutationObserver(() => onChange());
  observer.observe(doc.body, { attributes: true, attributeFilter: ["data-jp-theme-light", "data-jp-theme-name"] });
  return () => observer.disconnect();
}
