import type { AssistantOptions, assistantOptionsPatchSchema } from '@porta/contracts/portal-settings';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { decrypt, encrypt } from '../../platform/crypto/keys.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { checkOutboundUrl, OutboundRefused } from '../../platform/net/outbound-guard.ts';

type Patch = z.infer<typeof assistantOptionsPatchSchema>;

/**
 * AI-2..AI-5: the assistant's options as the portal settings keep them. The model's API key is
 * write-only: sealed with the app key in `assistant_model_keys` (never in the settings JSON,
 * which sessions carry), and only `apiKeySet` is shown. Runs inside the settings transaction.
 */
export async function nextAssistantOptions(ctx: AppContext, trx: Db, tenantId: string, current: AssistantOptions, patch: Patch | undefined): Promise<AssistantOptions> {
  if (!patch) return current;
  const baseUrl = patch.model?.baseUrl ?? current.model.baseUrl;
  if (patch.model?.baseUrl) {
    try {
      checkOutboundUrl(patch.model.baseUrl, ctx.config.outboundAllowPrivate);
    } catch (err) {
      if (err instanceof OutboundRefused || err instanceof TypeError) throw new AppError('OUTBOUND_URL_REFUSED');
      throw err;
    }
  }
  let apiKeySet = current.model.apiKeySet;
  if (patch.model?.apiKey === null) {
    await trx.deleteFrom('assistant_model_keys').where('tenant_id', '=', tenantId).execute();
    apiKeySet = false;
  } else if (patch.model?.apiKey !== undefined) {
    const sealed = encrypt(ctx.keys, patch.model.apiKey);
    await trx
      .insertInto('assistant_model_keys')
      .values({ tenant_id: tenantId, api_key_enc: sealed })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ api_key_enc: sealed, updated_at: new Date() }))
      .execute();
    apiKeySet = true;
  }
  const next: AssistantOptions = {
    engine: patch.engine ?? current.engine,
    model: { baseUrl, model: patch.model?.model ?? current.model.model, apiKeySet },
    createsTicket: patch.createsTicket ?? current.createsTicket,
    disableManualTickets: patch.disableManualTickets ?? current.disableManualTickets,
  };
  // The model engine needs somewhere to send requests (a key is optional: Ollama, llama.cpp).
  if (next.engine === 'openai' && (next.model.baseUrl === '' || next.model.model === '')) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'assistant.model', message: 'required' }]);
  return next;
}

/** The model connection with its key unsealed, for the model engine only; null when the tenant uses the built-in engine. */
export async function modelConnection(ctx: AppContext, tenantId: string, options: AssistantOptions): Promise<{ baseUrl: string; model: string; apiKey: string | null } | null> {
  if (options.engine !== 'openai' || !options.model.baseUrl || !options.model.model) return null;
  const row = await ctx.db.selectFrom('assistant_model_keys').select('api_key_enc').where('tenant_id', '=', tenantId).executeTakeFirst();
  return { baseUrl: options.model.baseUrl, model: options.model.model, apiKey: row ? decrypt(ctx.keys, row.api_key_enc) : null };
}
