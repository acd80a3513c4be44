// Bench only (issue 12): what each agent connection holds on the server's heap. Two V8 heap
// snapshots (before the agents connect, and with them connected and idle) are summed by type
// and constructor name; the difference divided by the agents connected is each connection's
// share (self sizes: what the objects themselves take, not what they keep alive).
import fs from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

function totals(file: string): Map<string, { count: number; bytes: number }> {
  const s = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const types = s.snapshot.meta.node_types[0];
  const out = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + typeAt]!] ?? '?';
    // Strings and code are summed by type alone (their names are their contents).
    const name = type === 'object' || type === 'closure' || type === 'native' || type === 'hidden' || type === 'array' ? s.strings[s.nodes[i + nameAt]!]!.slice(0, 60) : '';
    const key = `${type}:${name}`;
    const t = out.get(key) ?? { count: 0, bytes: 0 };
    t.count += 1;
    t.bytes += s.nodes[i + sizeAt]!;
    out.set(key, t);
  }
  return out;
}

export interface HeapShare {
  what: string;
  perConnection: number;
  bytesPerConnection: number;
}

/** The `top` largest per-connection differences between two snapshots, and the total per connection. */
export function heapDiff(before: string, after: string, connections: number, top = 30): { total: number; rows: HeapShare[] } {
  const a = totals(before);
  const b = totals(after);
  const rows: HeapShare[] = [];
  let total = 0;
  for (const [what, t] of b) {
    const was = a.get(what) ?? { count: 0, bytes: 0 };
    const bytes = (t.bytes - was.bytes) / connections;
    total += bytes;
    rows.push({ what, perConnection: Math.round(((t.count - was.count) / connections) * 100) / 100, bytesPerConnection: Math.round(bytes) });
  }
  rows.sort((x, y) => y.bytesPerConnection - x.bytesPerConnection);
  return { total: Math.round(total), rows: rows.slice(0, top) };
}
