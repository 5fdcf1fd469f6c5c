import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), text: () => lines.join('') };
}

describe('logger redaction', () => {
  it('never writes tokens, secrets, database credentials or phone numbers', () => {
    const { logger, text } = capture();
    logger.info(
      {
        token: '123456:AAE-secret',
        config: { SLACK_SIGNING_SECRET: 'sig-secret-1', OPENAI_API_KEY: 'sk-abcdefghijk' },
      },
      'config loaded',
    );
    logger.info({ url: 'https://api.telegram.org/bot123456:AAE-secret/sendMessage' }, 'calling');
    logger.warn({ db: 'postgres://baodao:pa55word@db.internal:5432/baodao' }, 'connecting');
    logger.info('resident wrote 我的电话是 138 0013 8000，地址3号楼');
    logger.info({ text: '打１３９－１２３４－５６７８找我', phone: '13800138000' }, 'intake');
    logger.error({ err: new Error('failed for 13912345678 with xoxb-1234-abcd') }, 'boom');
    const out = text();
    for (const secret of [
      'AAE-secret',
      'sig-secret-1',
      'sk-abcdefghijk',
      'pa55word',
      '138 0013 8000',
      '１３９－１２３４－５６７８',
      '13800138000',
      '13912345678',
      'xoxb-1234-abcd',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[电话]');
    expect(out).toContain('config loaded');
  });
});
