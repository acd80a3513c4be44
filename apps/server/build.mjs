// Bundles the server into dist/ (main.js, cli.js, pglite-worker.js). Workspace packages
// (@porta/*) are bundled in; every npm dependency stays external and loads from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: {
    main: 'src/main.ts',
    cli: 'src/cli.ts',
    'pglite-worker': 'src/platform/db/pglite-worker.ts',
    'signer-worker': 'src/features/agent-commands/signer-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  // Dynamic imports become chunks, so main.js can start the database before the rest loads.
  // Chunks sit beside the entries: import.meta.url-relative paths (the PGlite worker) hold.
  splitting: true,
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Stack traces need the mappings, not the sources: with --enable-source-maps every map is read
  // and kept in memory at start (issue 16 item 4).
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [
    {
      name: 'externalise-npm-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@porta/') ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});
