/**
 * Deterministic JSON: object keys sorted recursively (UTF-16 code unit order), no whitespace,
 * `undefined` members left out, arrays in order. Only JSON values are allowed: non-finite
 * numbers, functions, bigints and the like throw, so two parties can never disagree on bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError('canonicalJson: only plain objects');
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value}`);
  }
}

/** The bytes a command signature covers: UTF-8 of `canonicalJson(payload)`. */
export function canonicalBytes(payload: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(payload));
}
