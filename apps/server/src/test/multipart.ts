import { randomBytes } from 'node:crypto';

/** A `multipart/form-data` body with one `file` part, as a browser's upload sends it. */
export function multipartFile(filename: string, content: string | Buffer, contentType = 'text/plain'): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----porta${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
