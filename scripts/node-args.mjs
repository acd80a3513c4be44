// The node arguments the server process starts with, read from apps/server/node-args.json: the
// one list `npm start`, the production-layout check and the benches use (the Dockerfile's CMD
// repeats it, and apps/server's node-args.test.ts keeps the two in step).
import fs from 'node:fs';

export const SERVER_NODE_ARGS = Object.freeze(JSON.parse(fs.readFileSync(new URL('../apps/server/node-args.json', import.meta.url), 'utf8')).args);
