/**
 * The kernelspec the plugin registers: the same name and display name as the Node kernel's
 * (kernel/src/install.ts), so the notebooks' `metadata.kernelspec` opens them with this kernel.
 */

/** The kernel name in the notebooks' metadata. */
export const KERNEL_NAME = "upsampling-lab";

/** Name shown in JupyterLite's launcher and kernel picker. */
export const KERNEL_DISPLAY_NAME = "TypeScript (Upsampling Lab)";

/** The plugin's id (the package name, as JupyterLab ids go). */
export const PLUGIN_ID = "upsampling-lab-lite-kernel:kernel";
