// plotly.js-cartesian-dist-min is a prebuilt bundle without type declarations.
declare module "plotly.js-cartesian-dist-min" {
  const Plotly: import("./plotly-types").PlotlyApi;
  export default Plotly;
}
