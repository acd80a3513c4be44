import type { AppContext } from '../../platform/context.ts';
import { recheckAllDomains } from './custom-domains.service.ts';

/**
 * D-2: re-checks every custom domain every `PORTA_DOMAIN_CHECK_MINUTES`. Safe on every node at
 * once (a check only writes its own outcome); a node checks no domain twice at the same time.
 */
export function startDomainRechecks(ctx: AppContext, onError: (err: unknown) => void): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await recheckAllDomains(ctx);
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), ctx.config.domains.checkMs);
  timer.unref();
  return () => clearInterval(timer);
}
