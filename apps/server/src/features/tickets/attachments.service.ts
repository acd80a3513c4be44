import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db/db.ts';
import { contentDisposition, openStored, removeStored, storeUpload, type StoredFile } from './attachment-storage.ts';
import * as repo from './tickets.repo.ts';
import { announce } from './tickets.service.ts';

/** Takes the request's single `file` part, stores it, records it; the row and the file exist together or not at all. */
export async function receiveAttachment(
  ctx: AppContext,
  request: FastifyRequest,
  tenantId: string,
  ticket: repo.TicketRow,
  uploader: { contactId: string | null; technicianId: string | null },
) {
  let part: MultipartFile | undefined;
  try {
    part = await request.file({ limits: { fileSize: ctx.config.attachmentMaxBytes, files: 1, fields: 5 } });
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('ATTACHMENT_MISSING');
    throw err;
  }
  if (!part) throw new AppError('ATTACHMENT_MISSING');
  const stored = await storeUpload(ctx.config.attachmentsDir, tenantId, part.file, ctx.config.attachmentMaxBytes);
  try {
    const row = await recordStoredAttachment(ctx.db, tenantId, { ticketId: ticket.id, commentId: null }, { ...stored, filename: part.filename || 'file' }, uploader);
    await announce(ctx, { tenantId, id: ticket.id, customerId: ticket.customer_id, requesterId: ticket.requester_id }, 'ticket.updated');
    return row;
  } catch (err) {
    await removeStored(ctx.config.attachmentsDir, stored.storageKey);
    throw err;
  }
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
