/**
 * Runs a task so that bursts of requests never queue stale work: at most one run
 * is in flight, and requests arriving meanwhile collapse into one more run (which
 * reads the latest inputs when it starts).
 */
export class LatestOnlyRunner {
  private running = false;
  private pending = false;
  private idleWaiters: (() => void)[] = [];
  /** How many times the task ran. */
  runs = 0;

  /** `task` is the work; `defer` schedules the start of a run (a macrotask by default, so a burst of messages is read first). */
  constructor(
    private readonly task: () => Promise<void>,
    private readonly defer: (start: () => void) => void = (start) => setImmediate(start),
  ) {}

  /** Asks for a run with the latest inputs. */
  request(): void {
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = true;
    this.defer(() => void this.loop());
  }

  /** Resolves when no run is in flight or pending. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.pending = false;
        this.runs++;
        try {
          await this.task();
        } catch {
          // The task reports its own errors; the runner keeps serving later requests.
        }
      } while (this.pending);
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }
}
