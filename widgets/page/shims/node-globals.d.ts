/** Node's `setImmediate`, which the widget API schedules with; the page runtime defines it (worker.ts). */
declare function setImmediate(callback: () => void): unknown;
