/**
 * The vector-string grammar shared by CVSS v2, v3.x and v4.0: `/`-separated `Metric:Value` pairs.
 */

/** Metric abbreviation → the values the specification allows for it. */
export type MetricSpec = Readonly<Record<string, readonly string[]>>;

/** Parsed metrics of one vector: abbreviation → value, as written. */
export type Metrics = ReadonlyMap<string, string>;

/**
 * Splits `K:V/K:V/…` (the part after any `CVSS:x.y/` prefix) into a map.
 *
 * @remarks
 * Returns `undefined`, never throws, when a pair is not `K:V`, a metric is unknown to `spec`, a
 * value is outside the metric's allowed values, a metric appears twice, or a `required` metric is
 * missing. Each metric may appear at most once (CVSS v3.1 §6, v4.0 §7).
 *
 * Order is not enforced. v3.x allows any order. FIRST's v4.0 JSON schema pattern fixes the table
 * order, but a reordered v4.0 vector still names every metric unambiguously, so a scanner scores
 * it rather than dropping the advisory's severity.
 */
export function parseMetrics(
  body: string,
  spec: MetricSpec,
  required: readonly string[],
): Metrics | undefined {
  if (body === '') return undefined;
  const out = new Map<string, string>();
  for (const pair of body.split('/')) {
    const parts = pair.split(':');
    if (parts.length !== 2) return undefined;
    const [name, value] = parts as [string, string];
    const allowed = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!allowed || !allowed.includes(value) || out.has(name)) return undefined;
    out.set(name, value);
  }
  return required.every((m) => out.has(m)) ? out : undefined;
}

/** A metric's weight from `table`, `X` or absent meaning `fallback` (a Not Defined value). */
export function weight(
  metrics: Metrics,
  name: string,
  table: Readonly<Record<string, number>>,
  fallback = 1,
): number {
  const v = metrics.get(name);
  return v === undefined || v === 'X' ? fallback : (table[v] ?? fallback);
}
