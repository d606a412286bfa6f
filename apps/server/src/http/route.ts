import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Endpoint, EndpointOutput, ParsedInput } from '@zhengyin/contract';
import { AppError } from '@zhengyin/core';
import { authenticate } from './authenticate.js';
import { clientIp } from './client-ip.js';
import type { AppEnv, RequestState, ServerContext } from './context.js';

export type Handler<E extends Endpoint> = (
  input: ParsedInput<E>,
  state: RequestState,
  c: Context<AppEnv>,
) => Promise<EndpointOutput<E> | z.input<E['response']>>;

function validate(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('REQUEST_VALIDATION_FAILED', `invalid ${where}`, {
      issues: result.error.issues.map((i) => ({
        in: where,
        path: i.path.join('.'),
        code: i.code,
        message: i.message,
      })),
    });
  }
  return result.data;
}

function parseJson(raw: Uint8Array): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch (e) {
    throw new AppError('REQUEST_MALFORMED_JSON', (e as Error).message);
  }
}

/**
 * Binds one contract endpoint to a handler: reads the body, authenticates as the endpoint
 * requires, validates params / query / body against the contract's schemas (unknown fields are
 * errors), then answers with the handler's result.
 */
export function bind<E extends Endpoint>(
  app: Hono<AppEnv>,
  ctx: ServerContext,
  endpoint: E,
  handler: Handler<E>,
) {
  const maxSize = endpoint.upload
    ? ctx.config.ZHENGYIN_UPLOAD_LIMIT_BYTES
    : ctx.config.ZHENGYIN_BODY_LIMIT_BYTES;
  const limit = bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('REQUEST_BODY_TOO_LARGE', `at most ${maxSize} bytes`);
    },
  });
  app.on(endpoint.method, endpoint.path, limit, async (c) => {
    const state = c.get('state');
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const ip = clientIp(c, ctx.config.ZHENGYIN_TRUST_PROXY);
    const { actor, session } = await authenticate(ctx, c, endpoint, raw, ip);
    state.actor = actor;
    state.session = session;
    const body = endpoint.body ? parseJson(raw) : undefined;
    if (!endpoint.body && raw.length > 0) {
      throw new AppError('REQUEST_VALIDATION_FAILED', 'this endpoint takes no request body');
    }
    const query = Object.fromEntries(new URL(c.req.url).searchParams);
    const input = {
      params: validate(endpoint.params, c.req.param(), 'path'),
      query: validate(endpoint.query, query, 'query'),
      body: validate(endpoint.body, body ?? (endpoint.body ? {} : undefined), 'body'),
    } as ParsedInput<E>;
    const result = await handler(input, state, c);
    return c.json(result as object, (endpoint.status ?? 200) as ContentfulStatusCode);
  });
}
