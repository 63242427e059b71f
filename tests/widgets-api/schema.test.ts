import { beforeEach, describe, expect, it } from "vitest";
import schema from "./fixtures/ipywidgets-v8-schema.json";
import {
  Checkbox,
  CheckboxStyle,
  DescriptionStyle,
  Dropdown,
  FloatProgress,
  FloatSlider,
  GridBox,
  HBox,
  HTML,
  HTMLStyle,
  IntProgress,
  IntRangeSlider,
  IntSlider,
  Label,
  LabelStyle,
  Layout,
  Output,
  Play,
  ProgressStyle,
  SliderStyle,
  ToggleButtons,
  ToggleButtonsStyle,
  VBox,
  jsdlink,
  jslink,
  type Widget,
} from "../../widgets/api";
import { installRecordingBridge, type RecordingBridge } from "./recordingBridge";

type Schema = Record<string, Record<string, unknown>>;
const models = (schema as { models: Schema }).models;

let bridge: RecordingBridge;
beforeEach(() => {
  bridge = installRecordingBridge();
});

/** Checks that the comm_open state of `w` has exactly the v8 schema's attributes and defaults. */
function expectSchemaState(w: Widget, modelName: string): void {
  const expected = models[modelName];
  expect(expected, `fixture has ${modelName}`).toBeDefined();
  const open = bridge.opened(w.modelId);
  expect(open.target).toBe("jupyter.widget");
  expect(open.metadata).toEqual({ version: "2.1.0" });
  const state = open.data.state as Record<string, unknown>;
  expect(Object.keys(state).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, dflt] of Object.entries(expected)) {
    if (dflt !== null && typeof dflt === "object" && "$ref" in dflt) {
      // A reference to a new instance of the named model, opened before this one.
      const ref = state[key] as string;
      expect(ref).toMatch(/^IPY_MODEL_[0-9a-f]{32}$/);
      const id = ref.slice("IPY_MODEL_".length);
      const refOpen = bridge.opened(id);
      expect((refOpen.data.state as Record<string, unknown>)._model_name).toBe(`${(dflt as { $ref: string }).$ref}Model`);
      expect(bridge.log.indexOf(refOpen)).toBeLessThan(bridge.log.indexOf(open));
      expectSchemaState({ modelId: id } as Widget, `${(dflt as { $ref: string }).$ref}Model`);
    } else {
      expect(state[key], `${modelName}.${key}`).toEqual(dflt);
    }
  }
  expect(open.data.buffer_paths).toEqual([]);
}

const cases: [string, () => Widget][] = [
  ["IntSliderModel", () => new IntSlider()],
  ["FloatSliderModel", () => new FloatSlider()],
  ["IntRangeSliderModel", () => new IntRangeSlider()],
  ["DropdownModel", () => new Dropdown()],
  ["ToggleButtonsModel", () => new ToggleButtons()],
  ["CheckboxModel", () => new Checkbox()],
  ["PlayModel", () => new Play()],
  ["IntProgressModel", () => new IntProgress()],
  ["FloatProgressModel", () => new FloatProgress()],
  ["LabelModel", () => new Label()],
  ["HTMLModel", () => new HTML()],
  ["HBoxModel", () => new HBox()],
  ["VBoxModel", () => new VBox()],
  ["GridBoxModel", () => new GridBox()],
  ["OutputModel", () => new Output()],
  ["LayoutModel", () => new Layout()],
  ["DescriptionStyleModel", () => new DescriptionStyle()],
  ["SliderStyleModel", () => new SliderStyle()],
  ["ProgressStyleModel", () => new ProgressStyle()],
  ["CheckboxStyleModel", () => new CheckboxStyle()],
  ["ToggleButtonsStyleModel", () => new ToggleButtonsStyle()],
  ["LabelStyleModel", () => new LabelStyle()],
  ["HTMLStyleModel", () => new HTMLStyle()],
];

describe("standard models send their full ipywidgets 8 state", () => {
  for (const [name, make] of cases) {
    it(`${name} matches the v8 schema (every attribute, every default)`, () => {
      expectSchemaState(make(), name);
    });
  }

  it("LinkModel and DirectionalLinkModel carry [IPY_MODEL_<id>, attribute] pairs", () => {
    const a = new IntSlider();
    const b = new Play();
    for (const [link, name] of [
      [jslink([b, "value"], [a, "value"]), "LinkModel"],
      [jsdlink([b, "value"], [a, "value"]), "DirectionalLinkModel"],
    ] as const) {
      const state = bridge.opened(link.modelId).data.state as Record<string, unknown>;
      expect(Object.keys(state).sort()).toEqual(Object.keys(models[name]).sort());
      expect(state._model_name).toBe(name);
      expect(state._view_name).toBeNull();
      expect(state.source).toEqual([`IPY_MODEL_${b.modelId}`, "value"]);
      expect(state.target).toEqual([`IPY_MODEL_${a.modelId}`, "value"]);
    }
  });

  it("covers every model of the fixture", () => {
    const covered = new Set([...cases.map((c) => c[0]), "LinkModel", "DirectionalLinkModel"]);
    expect(Object.keys(models).filter((m) => !covered.has(m))).toEqual([]);
  });
});
