import { importPreviewSchema, importReportSchema, type ImportKind, type ImportMapping, type ImportReport, type ImportStreamLine } from '@porta/contracts/imports';
import type { TechSession } from '@porta/contracts/auth';
import { useMutation } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';
import { ApiError, parseErrorBody } from '../../lib/api-error';
import { currentLanguage, i18next } from '../../lib/i18n';
import { CONSOLE_ME_KEY, queryClient } from '../../lib/query-client';

export interface ImportOptions {
  kind: ImportKind;
  content: string;
  mapping: ImportMapping;
  duplicates: 'update' | 'skip';
  sendWelcomeEmail: boolean;
}

export function usePreviewImport() {
  return useMutation({ mutationFn: (input: { kind: ImportKind; content: string }) => consoleApi.post('/api/v1/imports/preview', importPreviewSchema, input) });
}

export function useDryRun() {
  return useMutation({ mutationFn: (input: ImportOptions) => consoleApi.post('/api/v1/imports', importReportSchema, { ...input, dryRun: true }) });
}

const unexpected = (status: number) => new ApiError({ status, code: status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', message: i18next.t('common:errors.unexpected'), area: 'console' });

function post(input: ImportOptions): Promise<Response> {
  const csrf = queryClient.getQueryData<TechSession | null>(CONSOLE_ME_KEY)?.csrfToken;
  const headers: Record<string, string> = { Accept: 'application/x-ndjson', 'Accept-Language': currentLanguage(), 'Content-Type': 'application/json' };
  if (csrf) headers['x-csrf-token'] = csrf;
  return fetch('/api/v1/imports', { method: 'POST', headers, body: JSON.stringify({ ...input, dryRun: false }), credentials: 'same-origin' });
}

/**
 * The real run (issue 15 item 5): one transaction on the server, its progress read from the
 * answer's `application/x-ndjson` lines (`onProgress` for each), resolving with the report.
 */
export async function runImport(input: ImportOptions, onProgress: (done: number, total: number) => void): Promise<ImportReport> {
  let response: Response;
  try {
    response = await post(input);
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: i18next.t('common:errors.network'), area: 'console' });
  }
  if (!response.ok || !response.body) {
    const parsed = parseErrorBody(await response.json().catch(() => undefined));
    if (!parsed) throw unexpected(response.status);
    throw new ApiError({ status: response.status, code: parsed.code, message: parsed.message, area: 'console' });
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = JSON.parse(buffered.slice(0, newline)) as ImportStreamLine;
      buffered = buffered.slice(newline + 1);
      if (line.type === 'progress') onProgress(line.done, line.total);
      else if (line.type === 'result') return importReportSchema.parse(line.report);
      else throw new ApiError({ status: 200, code: line.code, message: line.message, area: 'console' });
      newline = buffered.indexOf('\n');
    }
    if (done) throw unexpected(200);
  }
}
