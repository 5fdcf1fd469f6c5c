// Plumbing shared by the fake Telegram, Slack and OpenAI servers: a loopback listener that can be
// torn down without waiting for keep-alive sockets, body readers for the encodings the real clients
// use, and a call log that tests can await.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export type Listening = { server: Server; origin: string; close(): Promise<void> };

export async function listen(handler: Handler, onClose?: () => void): Promise<Listening> {
  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      sendJson(res, 500, { ok: false, error: 'fake_server_crashed', description: String(err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        onClose?.();
        server.close(() => resolve());
        // grammY (node-fetch with a keep-alive agent) and undici keep idle sockets open; without this
        // close() would wait for them and vitest would not exit.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export type MultipartPart = { name: string; filename?: string; contentType?: string; data: Buffer };

// Hand-rolled rather than Request.formData() because grammY writes headers without spaces and an
// unquoted filename (`content-disposition:form-data;name="x";filename=photo.jpg`), which strict
// parsers reject but Telegram accepts.
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!match) throw new Error(`multipart body without boundary: ${contentType}`);
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const chunk = body.subarray(start + 2, next - 2); // strip CRLF after delimiter and before the next
    const headerEnd = chunk.indexOf('\r\n\r\n');
    const head = chunk.subarray(0, headerEnd).toString('utf8');
    const headers = new Map<string, string>();
    for (const line of head.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const filename = /;\s*filename=(?:"([^"]*)"|([^;]+))/i.exec(disposition);
    parts.push({
      name,
      filename: filename ? (filename[1] ?? filename[2]?.trim()) : undefined,
      contentType: headers.get('content-type'),
      data: chunk.subarray(headerEnd + 4),
    });
    pos = next;
  }
  return parts;
}

export function parseForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * Reads query string plus a JSON, form or multipart body into one params object, the way both
 * Telegram and Slack accept them. String values of `jsonKeys` are JSON-decoded; multipart file
 * parts come back separately.
 */
export async function readParams(
  req: IncomingMessage,
  url: URL,
  jsonKeys: ReadonlySet<string>,
): Promise<{ params: Record<string, unknown>; files: MultipartPart[] }> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files: MultipartPart[] = [];
  const type = req.headers['content-type'] ?? '';
  const body = await readBody(req);
  if (type.startsWith('application/json') && body.length > 0)
    Object.assign(params, JSON.parse(body.toString()));
  else if (type.startsWith('application/x-www-form-urlencoded'))
    Object.assign(params, parseForm(body.toString()));
  else if (type.startsWith('multipart/form-data')) {
    for (const part of parseMultipart(body, type)) {
      if (part.filename === undefined) params[part.name] = part.data.toString('utf8');
      else files.push(part);
    }
  }
  for (const [k, v] of Object.entries(params)) {
    if (jsonKeys.has(k) && typeof v === 'string') params[k] = JSON.parse(v);
  }
  return { params, files };
}

export type LoggedCall = { method: string; at: number };

export class CallLog<T extends LoggedCall> {
  readonly calls: T[] = [];
  private readonly listeners = new Set<() => void>();

  record(call: T): void {
    this.calls.push(call);
    for (const listener of this.listeners) listener();
  }

  of(method: string): T[] {
    return this.calls.filter((c) => c.method === method);
  }

  waitFor(method: string, count = 1, timeoutMs = 5000): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const matching = this.of(method);
        if (matching.length < count) return false;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(matching);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        const seen = this.calls.map((c) => c.method).join(', ') || 'nothing';
        reject(
          new Error(`timed out after ${timeoutMs}ms waiting for ${count}× ${method}; calls so far: ${seen}`),
        );
      }, timeoutMs);
      if (!check()) this.listeners.add(check);
    });
  }
}

export function loadFixture<T>(relativePath: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${relativePath}`, import.meta.url), 'utf8')) as T;
}
