import type { z } from 'zod';

/**
 * A contract schema loaded when an answer has to be checked, not with the page (#9 item 7):
 * zod and the contracts are ~25 kB compressed that the portal sign-in does not need until
 * someone signs in (a signed-out visitor's session check is a 401, nothing to parse). The API
 * clients (lib/http.ts) take either a schema or one of these.
 */
export class LazySchema<S extends z.ZodType> {
  constructor(readonly load: () => Promise<S>) {}
}

export const lazySchema = <S extends z.ZodType>(load: () => Promise<S>): LazySchema<S> => new LazySchema(load);
