// Reading request bodies and writing JSON, Status and Warning headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, statusBody } from './errors.ts';
import { decodeProtobufObject } from './protobuf.ts';

// The API server's limit on request bodies (3 MiB, k8s.io/apiserver MaxRequestBodyBytes).
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

// Read the whole body, refusing more than `limit` bytes with 413.
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  const tooLarge = (): ApiError => new ApiError({ code: 413, reason: 'RequestEntityTooLarge', message: `Request entity too large: limit is ${limit}` });
  if (declared > limit) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

// The media type of a Content-Type header, without parameters.
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

// Decode a JSON (or, for YAML media types, YAML) body into a value.
export function decodeBody(body: Buffer, media: string, what: string): unknown {
  if (media === 'application/vnd.kubernetes.protobuf') return decodeProtobufObject(body);
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest(`${what}: the body of the request is empty`);
  try {
    if (media.includes('yaml')) return parseYaml(text) as unknown;
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw badRequest(`${what}: ${media.includes('yaml') ? 'error converting YAML to JSON' : 'json parse error'}: ${reason}`);
  }
}

// The value of a Warning header for one warning text (RFC 7234, code 299, agent "-").
export function warningHeader(text: string): string {
  return `299 - "${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// Write a JSON response with optional warnings.
export function sendJson(res: ServerResponse, code: number, body: unknown, options: { contentType?: string; warnings?: string[] } = {}): void {
  const payload = JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'Content-Type': options.contentType ?? 'application/json',
    'Content-Length': String(Buffer.byteLength(payload)),
    'Cache-Control': 'no-cache, private',
  };
  if (options.warnings && options.warnings.length > 0) headers.Warning = options.warnings.map(warningHeader);
  res.writeHead(code, headers);
  res.end(payload);
}

// Write an error as a Status object; unexpected errors become 500 InternalError.
export function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const apiError = err instanceof ApiError ? err
    : new ApiError({ code: 500, reason: 'InternalError', message: `Internal error occurred: ${err instanceof Error ? err.message : String(err)}` });
  sendJson(res, apiError.code, statusBody(apiError));
}
