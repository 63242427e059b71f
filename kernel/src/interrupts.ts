/**
 * Interrupts on the main thread: one interrupt arrives up to twice (SIGINT, and the wire thread's
 * message once the main thread's event loop turns again); each is acted on once, and only for the
 * cell that was running when it arrived. See kernel/README.md (Interrupts) for the whole design.
 */
import { clearInterrupt, createInterruptFlag, installInterruptCheck, interruptCount } from "./interrupt-flag";

/** The interrupt state of the running cell. */
export class Interrupts {
  /** Shared with the wire thread: the pending interrupt that loop checks in cell code read. */
  readonly flag = createInterruptFlag();
  /** True once the running cell was interrupted. */
  cellInterrupted = false;
  /** How many interrupts had arrived when the running cell started (older ones are not for it). */
  private beforeCell = 0;
  /** When the last interrupt was acted on. */
  private lastAt = -Infinity;

  /**
   * `stopCell` rejects the running cell's pending await and cancels what it waits for
   * (input); `cellRunning` says whether a cell runs now.
   */
  constructor(
    private readonly cellRunning: () => boolean,
    private readonly stopCell: () => void,
  ) {
    installInterruptCheck(this.flag);
  }

  /** A cell starts: an interrupt that arrived before it was meant for something else. */
  cellStarts(): void {
    this.cellInterrupted = false;
    clearInterrupt(this.flag);
    this.beforeCell = interruptCount(this.flag);
  }

  /** SIGINT reached the main thread (signal mode, or an interrupt_request: the wire thread raises it too). */
  onSignal(): void {
    this.act(false);
  }

  /**
   * The wire thread raised interrupt `number` in the flag and the main thread turns again: the
   * interrupt reached whatever was running (a loop check threw, or nothing synchronous ran).
   */
  onRaised(number: number): void {
    clearInterrupt(this.flag, number);
    this.act(number <= this.beforeCell);
  }

  private act(stale: boolean): void {
    const now = performance.now();
    if (now - this.lastAt < 300) return;
    this.lastAt = now;
    if (this.cellRunning() && !stale) {
      this.cellInterrupted = true;
      this.stopCell();
    }
  }
}
