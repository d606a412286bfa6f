import { z } from 'zod';
import type { Endpoint } from './endpoint.js';
import { ErrorBody } from './common.js';
import { ERROR_CODES } from './errors.js';

type JsonObject = Record<string, unknown>;

function schema(s: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
}

function parameters(s: z.ZodType | undefined, where: 'path' | 'query'): JsonObject[] {
  if (!s) return [];
  const json = schema(s, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: prop,
  }));
}

const SECURITY: Record<Endpoint['auth'], JsonObject[]> = {
  public: [],
  user: [{ session: [] }],
  app: [{ appSignature: [] }],
  'staff-or-app': [{ session: [] }, { appSignature: [] }],
  holder: [{ holderSession: [] }],
};

/** OpenAPI 3.1 document generated from the contract's endpoint definitions. */
export function buildOpenApi(endpoints: Record<string, Endpoint>, info: { version: string }): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const e of Object.values(endpoints)) {
    const path = e.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const operation: JsonObject = {
      operationId: e.id,
      summary: e.summary,
      tags: [e.tag],
      security: SECURITY[e.auth],
      parameters: [...parameters(e.params, 'path'), ...parameters(e.query, 'query')],
      responses: {
        [String(e.status ?? 200)]: {
          description: 'OK',
          content: { 'application/json': { schema: schema(e.response, 'output') } },
        },
        default: {
          description: 'Error (see docs/ERRORS.md for codes)',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
    if (e.scope) operation['x-app-scope'] = e.scope;
    if (e.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: schema(e.body, 'input') } },
      };
    }
    (paths[path] ??= {})[e.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'zhengyin (证印) API',
      version: info.version,
      description:
        'Electronic licences (电子证照) and electronic seals (电子印章). Errors use the codes listed in x-error-codes.',
    },
    paths,
    components: {
      schemas: { Error: schema(ErrorBody, 'output') },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'zy_session',
          description: 'plus X-CSRF-Token header on unsafe methods',
        },
        holderSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'zy_holder_session',
          description: 'holder login (OIDC); plus X-CSRF-Token header on unsafe methods',
        },
        appSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Zy-Signature',
          description:
            'HMAC-SHA256 or HMAC-SM3 over METHOD, PATH, sorted query, timestamp, nonce and body digest; headers X-Zy-App-Key, X-Zy-Timestamp (ms), X-Zy-Nonce, X-Zy-Signature-Method',
        },
      },
    },
    'x-error-codes': Object.fromEntries(
      Object.entries(ERROR_CODES).map(([code, spec]) => [
        code,
        { status: spec.status, zh: spec.zh, en: spec.en },
      ]),
    ),
  };
}
