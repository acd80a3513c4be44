// Bundles the server into dist/ (main.js, cli.js, pglite-worker.js). Workspace packages
// (@porta/*) are bundled in; every npm dependency stays external and loads from node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: {
    main: 'src/main.ts',
    cli: 'src/cli.ts',
    'pglite-worker': 'src/platform/db/pglite-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
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
