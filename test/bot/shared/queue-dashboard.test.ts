import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpServer, listen } from '../../../bot/shared/http-server.ts';
import { queueDashboardRoute } from '../../../bot/shared/queue-dashboard.ts';
import { dropPrefix, testRedis } from '../../helpers/redis.ts';

const redis = testRedis();
const queue = new Queue('deliver-telegram', { connection: redis.connection, prefix: redis.prefix });
const server = createHttpServer([queueDashboardRoute([queue], 's3cret-token')]);
const port = listen(server, 0, '127.0.0.1');

afterAll(async () => {
  server.close();
  server.closeAllConnections();
  await queue.close();
  await dropPrefix(redis.connection, redis.prefix);
  redis.connection.disconnect();
});

const get = async (path: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${await port}${path}`, { headers, redirect: 'manual' });

describe('queue dashboard at /admin/queues', () => {
  it('refuses requests without the token, and with a wrong one', async () => {
    expect((await get('/admin/queues')).status).toBe(401);
    expect((await get('/admin/queues?token=wrong')).status).toBe(401);
    expect((await get('/admin/queues/api/queues', { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('serves the board and its API with the token, and remembers it in a cookie', async () => {
    const page = await get('/admin/queues?token=s3cret-token');
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toMatch(
      /baodao_dashboard=s3cret-token; Path=\/admin\/queues; HttpOnly/,
    );
    const api = await get('/admin/queues/api/queues', { cookie: 'baodao_dashboard=s3cret-token' });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name)).toContain('deliver-telegram');
  });
});
