/**
 * Upsampling Lab's widget API for notebook cells (`upsampling-lab/widgets`):
 * the standard ipywidgets 8 controls, heatmaps of feature maps, `show`, `interact`
 * and the transposed-convolution explainer, talking to JupyterLab through the
 * Upsampling Lab kernel (the kernel bridge).
 */
export { Widget, WIDGET_VIEW_MIMETYPE, type ChangeEvent, type ChangeCallback, type CustomMessageCallback } from "./widget";
export { Layout, type LayoutOptions } from "./layout";
export { DescriptionStyle, SliderStyle, ProgressStyle, CheckboxStyle, ToggleButtonsStyle, LabelStyle, HTMLStyle } from "./styles";
export {
  IntSlider,
  FloatSlider,
  IntRangeSlider,
  type NumberSliderOptions,
  type IntRangeSliderOptions,
  type SliderOptions,
} from "./sliders";
export {
  Dropdown,
  ToggleButtons,
  type SelectionOptions,
  type SelectionWidgetOptions,
  type ToggleButtonsOptions,
} from "./selection";
export { Checkbox, type CheckboxOptions } from "./checkbox";
export { Play, type PlayOptions } from "./play";
export { IntProgress, FloatProgress, type ProgressOptions } from "./progress";
export { Label, HTML, type TextWidgetOptions } from "./text";
export { HBox, VBox, GridBox, type BoxOptions } from "./boxes";
export { Output, type OutputOptions } from "./output";
export { Link, jslink, jsdlink, type WidgetAttribute } from "./link";
export { display, mimeBundleOf } from "./display";
export { input } from "./input";
export { liveModelCount } from "./registry";
export { warningSink } from "./warnings";
export {
  Heatmap,
  TensorView,
  HEATMAP_OPTION_NAMES,
  MAX_HEATMAP_VALUES,
  type HeatmapOptions,
  type HeatmapClickCallback,
} from "./heatmap";
export { show } from "./show";
export {
  interact,
  interactive,
  Interactive,
  controlFor,
  type ControlSpec,
  type SliderSpec,
  type InteractOptions,
  type InteractResult,
} from "./interact";
export { LatestOnlyRunner } from "./latestOnly";
export type { HeatmapHighlight, HeatmapClickMessage } from "../shared/protocol";
export type { InputOptions } from "../bridge";
export {
  ConvTransposeExplainer,
  explainConvTranspose,
  type ConvTransposeExplainerOptions,
  type ExplainMethod,
} from "./explainer";
export { checks, check, VERDICT_MIMETYPE } from "./checks";
export { LinePlot, plot, type LinePlotWidgetOptions, type SeriesInput } from "./linePlot";
export type { LinePlotSeries } from "../shared/protocol";
