// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { DARK_THEME, isDarkTheme, LIGHT_THEME, readTheme, watchTheme } from "../src/theme";

afterEach(() => {
  delete document.body.dataset.jpThemeLight;
  document.body.removeAttribute("style");
  document.body.replaceChildren();
});

describe("theme", () => {
  it("reads JupyterLab's CSS variables visible at the view", () => {
    // In JupyterLab the variables are set on :root and inherited; happy-dom does not inherit
    // custom properties, so they are set on the element itself here.
    document.body.dataset.jpThemeLight = "false";
    const el = document.createElement("div");
    el.style.setProperty("--jp-layout-color0", "#202020");
    el.style.setProperty("--jp-ui-font-color1", "rgba(255, 255, 255, 0.87)");
    el.style.setProperty("--jp-ui-font-family", "Inter, sans-serif");
    document.body.append(el);
    expect(readTheme(el)).toEqual({
      dark: true,
      background: "#202020",
      foreground: "rgba(255, 255, 255, 0.87)",
      gridColor: DARK_THEME.gridColor,
      fontFamily: "Inter, sans-serif",
    });
  });

  it("falls back to JupyterLab Light's or Dark's values outside JupyterLab", () => {
    const el = document.createElement("div");
    document.body.append(el);
    expect(readTheme(el)).toEqual(LIGHT_THEME);
    document.body.dataset.jpThemeLight = "false";
    expect(isDarkTheme()).toBe(true);
    expect(readTheme(el)).toEqual(DARK_THEME);
  });

  it("reports theme switches until stopped", async () => {
    let calls = 0;
    const stop = watchTheme(() => calls++);
    document.body.dataset.jpThemeLight = "false";
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(1);
    document.body.setAttribute("data-unrelated", "x");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(1);
    stop();
    document.body.dataset.jpThemeLight = "true";
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(1);
  });
});
