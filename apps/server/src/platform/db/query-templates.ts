import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';

/**
 * Compiled-query templates for hot reads (issue 16 item 1): building and compiling a ticket
 * list's page and count with Kysely costs ~100–250 µs a request, the largest share of the
 * app's own work on the list. A query of a given *shape* always compiles to the same text; only
 * its parameters change. So the first request of a shape builds the query with a marker in
 * place of every value, compiles it once, and remembers the text and where each value goes;
 * later requests of that shape copy their values into those places, with no building at all.
 *
 * The caller names what decides the shape (`shape`: sort, page window, flags that pick a
 * branch) and hands the values (`values`: strings and numbers that the builder only passes on
 * as parameters; arrays give one slot per element; `undefined` is part of the shape). A value
 * the builder branches on must be in `shape`, never in `values`. A template is refused (the
 * query is then built every time, as before) when a marker reaches the SQL text or a parameter
 * in a changed form, or when a value never reaches the parameters: whatever the builder did
 * with it cannot be replayed safely.
 */
type Value = string | number;
export type TemplateValues = Record<string, Value | readonly Value[] | undefined>;

type Slot = { key: string; index: number | null } | { constant: unknown };
interface Template {
  sql: string;
  query: CompiledQuery['query'];
  slots: Slot[];
}

const MARK = '\u0000porta-slot:';

function marker(key: string, index: number | null): string {
  return index === null ? `${MARK}${key}` : `${MARK}${key}#${index}`;
}

function keyOf(shape: string, values: TemplateValues): string {
  let key = shape;
  for (const name of Object.keys(values).sort()) {
    const v = values[name];
    key += `|${name}:${v === undefined ? 'u' : Array.isArray(v) ? `a${v.length}` : 'v'}`;
  }
  return key;
}

function withMarkers(values: TemplateValues): TemplateValues {
  const out: TemplateValues = {};
  for (const [name, v] of Object.entries(values)) {
    if (v === undefined) out[name] = undefined;
    else if (Array.isArray(v)) out[name] = v.map((_, i) => marker(name, i));
    else out[name] = marker(name, null);
  }
  return out;
}

function templateOf(compiled: CompiledQuery, values: TemplateValues): Template | null {
  if (compiled.sql.includes(MARK)) return null;
  const expected = new Set<string>();
  for (const [name, v] of Object.entries(values)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) v.forEach((_, i) => expected.add(marker(name, i)));
    else expected.add(marker(name, null));
  }
  const seen = new Set<string>();
  const slots: Slot[] = [];
  for (const p of compiled.parameters) {
    if (typeof p === 'string' && p.includes(MARK)) {
      if (!expected.has(p)) return null; // changed on its way (e.g. wrapped in %…%)
      seen.add(p);
      const rest = p.slice(MARK.length);
      const hash = rest.lastIndexOf('#');
      const isElement = hash > 0 && Array.isArray(values[rest.slice(0, hash)]);
      slots.push(isElement ? { key: rest.slice(0, hash), index: Number(rest.slice(hash + 1)) } : { key: rest, index: null });
    } else {
      slots.push({ constant: p });
    }
  }
  if (seen.size !== expected.size) return null; // a value the builder did not pass on as a parameter
  return { sql: compiled.sql, query: compiled.query, slots };
}

export class QueryTemplates {
  private readonly templates = new Map<string, Template | null>();

  /** `limit`: how many shapes are kept; beyond it, queries are built as usual. */
  constructor(private readonly limit = 500) {}

  /** The compiled query for these values: from the shape's template, or built (and the template made) the first time. */
  compile<R>(shape: string, values: TemplateValues, build: (values: TemplateValues) => Compilable<R>): CompiledQuery<R> {
    const key = keyOf(shape, values);
    let template = this.templates.get(key);
    if (template === undefined) {
      if (this.templates.size >= this.limit) return build(values).compile();
      template = templateOf(build(withMarkers(values)).compile(), values);
      this.templates.set(key, template);
    }
    if (template === null) return build(values).compile();
    const parameters = template.slots.map((s) => {
      if ('constant' in s) return s.constant;
      const v = values[s.key];
      return s.index === null ? v : (v as readonly Value[])[s.index];
    });
    return { sql: template.sql, query: template.query, queryId: createQueryId(), parameters };
  }

  /** Shapes seen, and how many of them could not be templated (tests and diagnostics). */
  get stats(): { shapes: number; refused: number } {
    let refused = 0;
    for (const t of this.templates.values()) if (t === null) refused++;
    return { shapes: this.templates.size, refused };
  }
}
