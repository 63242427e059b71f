/**
 * Bounded memory over many cells: a full garbage collection once the JS heap has grown by more
 * than `HEAP_GROWTH_LIMIT` since the last one, run after a request went idle.
 *
 * Why: every cell builds a new TypeScript program; the previous one is alive while the cell
 * compiles, so it survives the young-generation collections and lands in the old generation,
 * where it dies. V8 collects the old generation only when it reaches a limit it raises as the heap
 * grows: 600 cells left ~160 MB of dead compiler state (measured: heap used 241 MB, 81 MB after a
 * full collection), and the resident size grew with it. A full collection of the kernel's ~80 MB
 * live heap takes some tens of milliseconds, once every few hundred small cells, after the reply.
 */
import * as v8 from "node:v8";
import * as vm from "node:vm";

/** Growth of the used heap since the last full collection that triggers the next one. */
export const HEAP_GROWTH_LIMIT = 48 * 1024 * 1024;

/** V8's full garbage collection, exposed to this process (the flag takes effect for new contexts). */
function exposedGc(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

/** Collects garbage when the heap grew past the limit. */
export class HeapTrimmer {
  private readonly gc = exposedGc();
  private base = v8.getHeapStatistics().used_heap_size;
  private scheduled = false;

  /** Called when a request went idle: collects (in a later turn) if the heap grew past the limit. */
  requestDone(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (v8.getHeapStatistics().used_heap_size - this.base <= HEAP_GROWTH_LIMIT) return;
      this.gc();
      this.base = v8.getHeapStatistics().used_heap_size;
    });
  }
}
