import type { PortalKbItem } from '@porta/contracts/kb';
import type { AppContext } from '../../platform/context.ts';
import { browse, type Reader } from './kb-portal.repo.ts';
import { presentItem } from './kb.presenter.ts';

/** The reader's most-read articles (the portal home's KB block, #9 item 8), in their language or the default. */
export async function mostReadFor(ctx: AppContext, reader: Reader, limit: number): Promise<PortalKbItem[]> {
  return (await browse(ctx.db, reader, { sort: 'popular', limit })).map((r) => presentItem(r, reader.language));
}
