import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/db.ts';
import { contentDisposition, openStored, removeStored, storeUpload, type StoredFile } from './attachment-storage.ts';
import * as repo from './tickets.repo.ts';
import { announce } from './tickets.service.ts';

/** Parser refusals of @fastify/multipart (its limits, a `__proto__` name, a bad JSON field, a body cut off). */
const MALFORMED_CODES = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PROTO_VIOLATION', 'FST_INVALID_JSON_FIELD_ERROR', 'FST_MP_PREMATURE_CLOSE', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * What a failed upload answers. The parser (busboy) raises plain errors for a body it cannot
 * read ("Multipart: Boundary not found", "Unexpected end of multipart data", "Part terminated
 * early…"), thrown before the first part or delivered through the file stream while it is
 * written: all the client's fault, 400. A file-system error (it has a `syscall`) stays a fault.
 */
function uploadFailure(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const { code, syscall } = (err ?? {}) as { code?: string; syscall?: string };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return err;
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('ATTACHMENT_MISSING');
  if ((code !== undefined && MALFORMED_CODES.has(code)) || (err instanceof Error && code === undefined && syscall === undefined)) {
    return new AppError('ATTACHMENT_MALFORMED');
  }
  return err;
}

/**
 * Reads the whole multipart body: its one file part is streamed to disk, then the rest must
 * parse too before the row is written. The row and the file exist together or not at all:
 * any failure (malformed body, size limit, database) removes the stored file.
 */
export async function receiveAttachment(
  ctx: AppContext,
  request: FastifyRequest,
  tenantId: string,
  ticket: repo.TicketRow,
  uploader: { contactId: string | null; technicianId: string | null },
) {
  let stored: (StoredFile & { filename: string }) | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: ctx.config.attachmentMaxBytes, files: 1, fields: 5 } })) {
      if (part.type !== 'file') continue;
      // `files: 1` makes busboy refuse a second file; this only guards against ever keeping two.
      if (stored) throw new AppError('ATTACHMENT_MALFORMED');
      const file = await storeUpload(ctx.config.attachmentsDir, tenantId, part.file, ctx.config.attachmentMaxBytes);
      stored = { ...file, filename: part.filename || 'file' };
    }
  } catch (err) {
    if (stored) await removeStored(ctx.config.attachmentsDir, stored.storageKey);
    throw uploadFailure(err);
  }
  if (!stored) throw new AppError('ATTACHMENT_MISSING');
  const file = stored;
  const row = await recordStoredAttachment(ctx.db, tenantId, { ticketId: ticket.id, commentId: null }, file, uploader).catch(async (err: unknown) => {
    // E.g. the ticket deleted meanwhile: the foreign key refuses the row, the file goes too.
    await removeStored(ctx.config.attachmentsDir, file.storageKey);
    throw err;
  });
  await announce(ctx, { tenantId, id: ticket.id, customerId: ticket.customer_id, requesterId: ticket.requester_id }, 'ticket.updated');
  return row;
}

export async function sendAttachment(ctx: AppContext, reply: FastifyReply, tenantId: string, ticketId: string, attachmentId: string, includeInternal: boolean) {
  const row = await repo.findAttachment(ctx.db, tenantId, ticketId, attachmentId);
  if (!row || (row.internal === true && !includeInternal)) throw new AppError('ATTACHMENT_NOT_FOUND');
  return reply
    .header('content-type', row.content_type)
    .header('content-disposition', contentDisposition(row.filename))
    .header('content-length', String(row.size))
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(openStored(ctx.config.attachmentsDir, row.storage_key));
}

/** Records a file already stored (inbound mail stores its attachments, then records them in the ticket's transaction). */
export function recordStoredAttachment(
  db: Db,
  tenantId: string,
  at: { ticketId: string; commentId: string | null },
  file: StoredFile & { filename: string },
  uploader: { contactId: string | null; technicianId: string | null },
) {
  return repo.insertAttachment(db, {
    tenant_id: tenantId,
    ticket_id: at.ticketId,
    comment_id: at.commentId,
    filename: file.filename.slice(0, 255) || 'file',
    content_type: file.contentType,
    size: file.size,
    storage_key: file.storageKey,
    uploaded_by_contact_id: uploader.contactId,
    uploaded_by_technician_id: uploader.technicianId,
  });
}
