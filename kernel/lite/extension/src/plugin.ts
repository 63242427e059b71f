/**
 * The JupyterLite plugin of upsampling-lab-lite-kernel: registers the "TypeScript (Upsampling
 * Lab)" kernelspec, whose kernels run cells in a Web Worker (the first one started as the app
 * starts). It routes JupyterLite's interrupt to them (JupyterLite's kernel client only cancels
 * queued requests; stopping the running cell needs the kernel to replace its worker) and gives
 * them the service worker's browsing context id, through which a synchronous `prompt()` asks.
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";
import { IServiceWorkerManager } from "@jupyterlite/apputils";
import { IKernelClient, IKernelSpecs, type IKernel } from "@jupyterlite/services";
import { UpsamplingLabKernel } from "./kernel";
import { KERNEL_DISPLAY_NAME, KERNEL_NAME, PLUGIN_ID } from "./kernelspec";
import { WorkerSession } from "./worker-session";

// The bundler copies these files into the extension's static folder (content-hashed names) and
// gives their URLs; scripts/build.mjs puts them beside lib/ first.
const WORKER_URL = new URL("../../assets/kernel-worker.js", import.meta.url).href;
const COMPILER_URL = new URL("../../assets/kernel-compiler.js", import.meta.url).href;
const LOGO_32_URL = new URL("../../assets/logo-32x32.png", import.meta.url).href;
const LOGO_64_URL = new URL("../../assets/logo-64x64.png", import.meta.url).href;

/** The site's base URL, absolute, ending with "/". */
function siteBaseUrl(): string {
  const url = new URL(PageConfig.getBaseUrl(), window.location.href).href;
  return url.endsWith("/") ? url : `${url}/`;
}

/** How long a worker started ahead of time waits for a kernel before it is stopped (it holds a compiler). */
const STARTED_WORKER_TTL_MS = 60_000;

/** How long the worker started ahead of time waits for the service worker to take over the page. */
const SERVICE_WORKER_WAIT_MS = 5_000;

/** Whether the page is served through a service worker (a worker it creates then is too). */
function pageControlled(): boolean {
  return Boolean(navigator.serviceWorker?.controller);
}

/** Resolves once the page is served through its service worker, or after `timeoutMs`. */
function serviceWorkerControls(timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (pageControlled() || navigator.serviceWorker === undefined) return resolve();
    navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true });
    setTimeout(resolve, timeoutMs);
  });
}

/**
 * Starts one worker as the app starts, so that loading the compiler (a few seconds) overlaps
 * JupyterLab's own start instead of following it; the first kernel takes it. A worker is served
 * through the service worker (its synchronous `prompt()` needs that) only when created once the
 * page is, so it starts after `serviceWorkerReady` and the page's takeover, and a worker started
 * before the page was taken over is not handed out once it has been.
 * Returns the taker (undefined when no worker is waiting).
 */
function startWorkerAhead(siteBaseUrl: string, serviceWorkerReady: Promise<void>): () => WorkerSession | undefined {
  let started: { worker: WorkerSession; controlled: boolean } | undefined;
  let taken = false;
  let expiry: ReturnType<typeof setTimeout> | undefined;
  const start = (): void => {
    if (taken) return;
    const init = { type: "init", siteBaseUrl, notebookPath: "", compilerUrl: COMPILER_URL } as const;
    const worker = new WorkerSession(WORKER_URL, init, () => undefined);
    started = { worker, controlled: pageControlled() };
    expiry = setTimeout(() => {
      worker.terminate("No kernel took the worker started ahead of time.");
      started = undefined;
    }, STARTED_WORKER_TTL_MS);
  };
  const afterServiceWorker = (): Promise<void> => serviceWorkerControls(SERVICE_WORKER_WAIT_MS);
  serviceWorkerReady.then(afterServiceWorker, () => undefined).then(start, start);
  return () => {
    taken = true;
    clearTimeout(expiry);
    const waiting = started;
    started = undefined;
    if (waiting !== undefined && !waiting.controlled && pageControlled()) {
      waiting.worker.terminate("Started before the service worker took over the page.");
      return undefined;
    }
    return waiting?.worker;
  };
}

/** Makes `client.interrupt` also interrupt our kernels (after JupyterLite's own handling). */
function routeInterrupts(client: IKernelClient, kernels: Map<string, UpsamplingLabKernel>): void {
  const interrupt = client.interrupt.bind(client);
  client.interrupt = async (kernelId: string): Promise<void> => {
    await interrupt(kernelId);
    kernels.get(kernelId)?.interrupt();
  };
}

/** Registers the kernelspec and its factory with JupyterLite's kernel service. */
const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: "The TypeScript (Upsampling Lab) kernel: TypeScript cells and widgets, run in a Web Worker.",
  autoStart: true,
  requires: [IKernelSpecs],
  optional: [IKernelClient, IServiceWorkerManager],
  activate: (
    _app: JupyterFrontEnd,
    kernelspecs: IKernelSpecs,
    client: IKernelClient | null,
    serviceWorker: IServiceWorkerManager | null,
  ): void => {
    // Read when a worker starts: the service worker registers after the app has started. A page
    // already served by one (a later visit) has it before JupyterLite's registration is done.
    const browsingContextId = (): string | undefined =>
      serviceWorker !== null && (serviceWorker.enabled || pageControlled()) ? serviceWorker.browsingContextId : undefined;
    const kernels = new Map<string, UpsamplingLabKernel>();
    if (client !== null) routeInterrupts(client, kernels);
    const takeStartedWorker = startWorkerAhead(siteBaseUrl(), serviceWorker?.ready ?? Promise.resolve());
    kernelspecs.register({
      spec: {
        name: KERNEL_NAME,
        display_name: KERNEL_DISPLAY_NAME,
        language: "typescript",
        argv: [],
        resources: { "logo-32x32": LOGO_32_URL, "logo-64x64": LOGO_64_URL },
      },
      create: async (options: IKernel.IOptions): Promise<IKernel> => {
        const kernel = new UpsamplingLabKernel({
          ...options,
          workerUrl: WORKER_URL,
          compilerUrl: COMPILER_URL,
          siteBaseUrl: siteBaseUrl(),
          browsingContextId,
          takeStartedWorker,
        });
        kernels.set(kernel.id, kernel);
        kernel.disposed.connect(() => {
          if (kernels.get(kernel.id) === kernel) kernels.delete(kernel.id);
        });
        return kernel;
      },
    });
  },
};

export default plugin;
