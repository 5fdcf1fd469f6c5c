import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** One HTTP server on PORT for health checks and the channels' webhook endpoints. */
export function createHttpServer(routes: Route[]): Server {
  return createServer(async (req, res) => {
    try {
      for (const route of routes) if (await route(req, res)) return;
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"internal"}');
    }
  });
}

export function healthRoutes(isReady: () => Promise<boolean>): Route {
  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET') return false;
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"alive"}');
      return true;
    }
    if (path === '/readyz') {
      const ready = await isReady();
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ready ? 'ready' : 'database unreachable' }));
      return true;
    }
    return false;
  };
}

export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}
