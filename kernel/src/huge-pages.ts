/**
 * Transparent huge pages for large buffers, through glibc's `glibc.malloc.hugetlb=1` tunable.
 *
 * Why: V8 takes the memory of a large typed array from malloc, which maps fresh 4 KiB pages that
 * fault one by one on first touch: a fresh 8 MiB output cost ~2048 faults, more than the whole
 * transposed convolution that fills it (measured: kernel/README.md). The tunable only takes
 * effect when set before the process starts, so the kernelspec and the benchmark set it in the
 * environment of the Node process they launch. glibc ignores tunables it does not know, and
 * other C libraries ignore the variable.
 */

/** The tunable that makes glibc's malloc ask for transparent huge pages. */
export const HUGE_PAGES_TUNABLE = "glibc.malloc.hugetlb=1";

/** `GLIBC_TUNABLES` with the huge-pages tunable added to what `current` already holds. */
export function withHugePagesTunable(current: string | undefined): string {
  const entries = (current ?? "").split(":").filter((entry) => entry !== "" && !entry.startsWith("glibc.malloc.hugetlb="));
  return [...entries, HUGE_PAGES_TUNABLE].join(":");
}

/** Whether the environment `env` already asks for huge pages. */
export function hasHugePagesTunable(env: NodeJS.ProcessEnv): boolean {
  return (env.GLIBC_TUNABLES ?? "").split(":").includes(HUGE_PAGES_TUNABLE);
}
