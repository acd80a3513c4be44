/** The node arguments the server process starts with (apps/server/node-args.json). */
export declare const SERVER_NODE_ARGS: readonly string[];
