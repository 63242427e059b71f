/**
 * The interrupt flag shared by the kernel's two threads, and the check that notebook loops call.
 *
 * Layout of the shared `Int32Array`: `[0]` the number of the pending interrupt (0: none),
 * `[1]` how many interrupts arrived so far. The wire thread raises an interrupt when the main
 * thread's event loop is still stuck 250 ms after an `interrupt_request` (or a SIGINT seen by its
 * signal relay): it runs even while the main thread is blocked. The loop checks inserted into
 * cell code (interrupt-checks.ts) read it (a plain read, see below) and throw `KeyboardInterrupt`. The main thread clears it once its event loop
 * turns again (the interrupt has then reached whatever was running) and when a cell starts.
 */

/** Name of the global function that the inserted loop checks call. */
export const INTERRUPT_CHECK_GLOBAL = "__upsamplingLabCheckInterrupt";

/** The error an interrupted loop throws (named like Python's, as Jupyter frontends expect). */
export class KeyboardInterrupt extends Error {
  constructor() {
    super("the kernel was interrupted");
    this.name = "KeyboardInterrupt";
  }
}

/** A new flag in shared memory (pass it to the wire thread through `workerData`). */
export function createInterruptFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}

/** Raises an interrupt (from any thread); returns its number. */
export function raiseInterrupt(flag: Int32Array): number {
  const number = Atomics.add(flag, 1, 1) + 1;
  Atomics.store(flag, 0, number);
  return number;
}

/** Clears the pending interrupt if it is `number` (a newer one stays), or whatever is pending when no number is given. */
export function clearInterrupt(flag: Int32Array, number?: number): void {
  if (number === undefined) Atomics.store(flag, 0, 0);
  else Atomics.compareExchange(flag, 0, number, 0);
}

/** How many interrupts arrived so far. */
export function interruptCount(flag: Int32Array): number {
  return Atomics.load(flag, 1);
}

/**
 * Defines the global check function (read-only, so V8 can inline it into hot loops): it throws
 * `KeyboardInterrupt` while an interrupt is pending and costs one memory load otherwise.
 *
 * The load is a plain element read, not `Atomics.load`: inlined in a tight loop it costs about a
 * third (measured: 1e8 iterations of `s += a[i] * 2` took 1.1 s with `Atomics.load`, 0.5 s with a
 * plain read, 0.13 s unchecked). V8 does not hoist the load out of the loop, so the wire thread's
 * `Atomics.store` is seen within microseconds; the protocol tests fail if that ever changes.
 */
export function installInterruptCheck(flag: Int32Array): void {
  const check = (): void => {
    if (flag[0] !== 0) {
      const error = new KeyboardInterrupt();
      Error.captureStackTrace(error, check); // the stack starts at the interrupted loop
      throw error;
    }
  };
  Object.defineProperty(globalThis, INTERRUPT_CHECK_GLOBAL, {
    value: check,
    writable: false,
    enumerable: false,
    configurable: false,
  });
}
