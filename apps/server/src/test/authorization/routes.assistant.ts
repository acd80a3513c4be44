import { contacts } from './expectations.ts';
import type { Row } from './routes.table.ts';
import type { World } from './world.ts';

const NO_SESSION = '00000000-0000-4000-8000-000000000013';
const sessions = (w: World) => () => w.ctx.db.selectFrom('assistant_sessions').select('id').where('tenant_id', '=', w.T.tenant.id).execute();

/**
 * The portal assistant (issue 13: AI-1, AI-2). The Assistant section is off in this world (the
 * default), so every assistant route is 404 for every contact, and nothing is written; with it
 * on, another contact's session is 404 too (features/assistant/assistant.int.test.ts).
 */
export const ASSISTANT_ROWS: Record<string, Row> = {
  'POST /api/v1/portal/assistant/messages': { expect: contacts(404), call: (w) => ({ url: '/api/v1/portal/assistant/messages', body: { text: 'restart my computer' }, snapshot: sessions(w) }) },
  'GET /api/v1/portal/assistant/sessions': { expect: contacts(404), call: () => ({ url: '/api/v1/portal/assistant/sessions' }) },
  'GET /api/v1/portal/assistant/sessions/:id': { expect: contacts(404), call: () => ({ url: `/api/v1/portal/assistant/sessions/${NO_SESSION}` }) },
};
