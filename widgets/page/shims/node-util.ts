/**
 * `inspect` for the page runtime (a Web Worker): a readable one-value rendering close to what
 * Node's REPL prints, for `text/plain` outputs (`console.log`, last expression values).
 */

/** Options accepted (as Node's) and used for depth and array length. */
export interface InspectOptions {
  depth?: number;
  maxArrayLength?: number;
  breakLength?: number;
  maxStringLength?: number;
}

/** Renders `value` as text: strings quoted inside structures, arrays and plain objects expanded to `depth`. */
export function inspect(value: unknown, options: InspectOptions = {}): string {
  return render(value, options.depth ?? 2, options.maxArrayLength ?? 100, true, new Set());
}

function render(value: unknown, depth: number, maxItems: number, top: boolean, seen: Set<unknown>): string {
  if (typeof value === "string") return top ? `'${value}'` : `'${value}'`;
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return `[Function: ${value.name || "(anonymous)"}]`;
  if (typeof value === "symbol") return value.toString();
  if (value === null || typeof value !== "object") return String(value);
  if (seen.has(value)) return "[Circular]";
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (depth < 0) return Array.isArray(value) ? "[Array]" : "[Object]";
  seen.add(value);
  try {
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const items = Array.from(value as ArrayLike<unknown>);
      const shown = items.slice(0, maxItems).map((v) => render(v, depth - 1, maxItems, false, seen));
      if (items.length > maxItems) shown.push(`... ${items.length - maxItems} more items`);
      const prefix = Array.isArray(value) ? "" : `${value.constructor.name}(${items.length}) `;
      return `${prefix}[ ${shown.join(", ")} ]`.replace("[  ]", "[]");
    }
    if (value instanceof Map) {
      return `Map(${value.size}) { ${[...value].map(([k, v]) => `${render(k, depth - 1, maxItems, false, seen)} => ${render(v, depth - 1, maxItems, false, seen)}`).join(", ")} }`;
    }
    const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : "";
    const entries = Object.entries(value).map(
      ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${render(v, depth - 1, maxItems, false, seen)}`,
    );
    return entries.length ? `${name}{ ${entries.join(", ")} }` : `${name}{}`;
  } finally {
    seen.delete(value);
  }
}
