import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../config/load.js';
import { configuredNotifier } from './notifier-config.js';
import { logNotifier } from './notifier-log.js';
import { smtpNotifier } from './notifier-smtp.js';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, webhookNotifier } from './notifier-webhook.js';

const SECRET = 'webhook-shared-secret-0123456789';
const message = {
  channel: 'email' as const,
  recipient: 'zhang.san@example.cn',
  subject: 'Licence expiry reminder',
  body: 'Your licence 1.2.156.3005.2.11100000000013338W001 ends on 2026-12-10.',
  dedupeKey: 'reminder:5b0a2c44-0000-4000-8000-000000000001:30',
};

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

function listen(server: Server | SMTPServer): Promise<number> {
  return new Promise((resolve) => {
    const http = server instanceof SMTPServer ? (server as unknown as { server: Server }).server : server;
    server.listen(0, '127.0.0.1', () => resolve((http.address() as AddressInfo).port));
  });
}

describe('webhook notifier', () => {
  const received: { body: string; headers: IncomingMessage['headers'] }[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // The test receiver checks the signature the way a gateway would: HMAC-SHA256(secret, ts + "." + body).
    server = createServer((req, res) => {
      void readBody(req).then((body) => {
        if (req.url === '/slow') return; // never answers
        const ts = String(req.headers[WEBHOOK_TIMESTAMP_HEADER] ?? '');
        const given = Buffer.from(String(req.headers[WEBHOOK_SIGNATURE_HEADER] ?? ''));
        const expected = Buffer.from(
          `sha256=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`,
        );
        const ok = given.length === expected.length && timingSafeEqual(given, expected);
        if (ok) received.push({ body, headers: req.headers });
        res.writeHead(ok ? 204 : 401).end();
      });
    });
    url = `http://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  test('the receiver verifies the signature and gets the message with its dedupe key', async () => {
    await webhookNotifier({ url: `${url}/hook?token=gateway-token`, secret: SECRET, timeoutMs: 5000 }).notify(
      message,
    );
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toEqual({ ...message });
    expect(received[0]!.headers['idempotency-key']).toBe(message.dedupeKey);
  });

  test('a wrong secret is refused by the receiver; the error names neither the secret nor the URL', async () => {
    const before = received.length;
    const err = await webhookNotifier({
      url: `${url}/hook?token=gateway-token`,
      secret: 'some-other-secret-0123456789',
      timeoutMs: 5000,
    })
      .notify(message)
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect(err?.message).toBe('webhook answered HTTP 401');
    expect(received).toHaveLength(before);
  });

  test('a receiver that never answers fails with a timeout error', async () => {
    const err = await webhookNotifier({ url: `${url}/slow`, secret: SECRET, timeoutMs: 200 })
      .notify(message)
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect(err?.message).toBe('webhook timed out after 200 ms');
  });
});

describe('SMTP notifier', () => {
  const mails: { from: string; to: string[]; raw: string }[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    port = await listen(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('the in-process SMTP server receives the message: envelope, subject, body, dedupe header', async () => {
    const smtp = smtpNotifier({
      host: '127.0.0.1',
      port,
      secure: false,
      from: 'zhengyin@example.gov.cn',
      timeoutMs: 5000,
    });
    try {
      await smtp.notify(message);
    } finally {
      smtp.close();
    }
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: 'zhengyin@example.gov.cn', to: ['zhang.san@example.cn'] });
    expect(mails[0]!.raw).toContain('Subject: Licence expiry reminder');
    expect(mails[0]!.raw).toContain(`X-Zhengyin-Dedupe-Key: ${message.dedupeKey}`);
    expect(mails[0]!.raw.replace(/=\r?\n/g, '')).toContain('ends on 2026-12-10.');
  });

  test('a server that refuses the recipient makes the call fail', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(new Error('no such mailbox'));
      },
    });
    const refusingPort = await listen(refusing);
    const smtp = smtpNotifier({
      host: '127.0.0.1',
      port: refusingPort,
      secure: false,
      from: 'z@example.cn',
      timeoutMs: 5000,
    });
    try {
      await expect(smtp.notify(message)).rejects.toThrow(/SMTP refused/);
    } finally {
      smtp.close();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});

describe('log notifier and configuration', () => {
  test('the log names the dedupe key and a masked recipient, never the body or the address', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    await logNotifier(pino({ level: 'info' }, sink)).notify(message);
    const text = lines.join('');
    expect(text).toContain(message.dedupeKey);
    expect(text).toContain('z***@example.cn');
    expect(text).not.toContain('zhang.san');
    expect(text).not.toContain('1.2.156.3005');
  });

  test('webhook and SMTP modes refuse to start without their settings', () => {
    const logger = pino({ level: 'silent' });
    expect(() => configuredNotifier(loadConfig({ ZHENGYIN_NOTIFIER: 'webhook' }), logger)).toThrow(
      /WEBHOOK_URL and _SECRET/,
    );
    expect(() => configuredNotifier(loadConfig({ ZHENGYIN_NOTIFIER: 'smtp' }), logger)).toThrow(/SMTP_HOST/);
  });
});
