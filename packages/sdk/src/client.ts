import type { Endpoint, EndpointInput, EndpointOutput, Endpoints } from '@zhengyin/contract';
import { APP_SIGNATURE_HEADERS, buildPath, endpoints } from '@zhengyin/contract';

/** Produces the signature headers of an app request (see `@zhengyin/sdk/node` for HMAC-SHA256/SM3). */
export type RequestSigner = (request: {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Uint8Array;
}) => Promise<Record<string, string>> | Record<string, string>;

export interface ClientOptions {
  /** e.g. http://127.0.0.1:8080 */
  readonly baseUrl: string;
  readonly fetch?: typeof fetch;
  /** Signs every request as an app (integrating system) instead of using a staff session. */
  readonly signer?: RequestSigner;
  /** Language of error messages: zh-CN (default) or en; a function is asked on every request. */
  readonly language?: 'zh-CN' | 'en' | (() => 'zh-CN' | 'en');
  /**
   * Keep the session cookie in the client (Node); in a browser the cookie jar does this and the
   * cookie is HttpOnly, so leave it false there.
   */
  readonly manageCookies?: boolean;
}

/** An error answer of the API: `{ error: { code, message, details?, requestId } }`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    readonly requestId: string,
  ) {
    super(message);
  }
}

type Args<E> = object extends EndpointInput<E> ? [input?: EndpointInput<E>] : [input: EndpointInput<E>];

export type Client = {
  [K in keyof Endpoints]: (...args: Args<Endpoints[K]>) => Promise<EndpointOutput<Endpoints[K]>>;
} & {
  /** CSRF token of the current session (set by login, me and holderMe). */
  readonly csrfToken: string | null;
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Answers that carry the session's CSRF token (staff login/me, holder me). */
const CSRF_SOURCES = new Set(['login', 'me', 'holderMe']);

/** A typed client with one method per contract endpoint, so the SDK and server cannot drift. */
export function createClient(options: ClientOptions): Client {
  const doFetch = options.fetch ?? fetch;
  let csrfToken: string | null = null;
  let cookie: string | null = null;

  async function call(endpoint: Endpoint, input: { params?: object; query?: object; body?: unknown } = {}) {
    const path = buildPath(endpoint.path, input.params as Record<string, string> | undefined);
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(input.query ?? {})) if (v !== undefined) query.append(k, String(v));
    const body =
      input.body === undefined ? new Uint8Array() : new TextEncoder().encode(JSON.stringify(input.body));
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language':
        (typeof options.language === 'function' ? options.language() : options.language) ?? 'zh-CN',
    };
    if (input.body !== undefined) headers['content-type'] = 'application/json';
    if (options.signer)
      Object.assign(headers, await options.signer({ method: endpoint.method, path, query, body }));
    else {
      if (csrfToken && UNSAFE.has(endpoint.method)) headers['x-csrf-token'] = csrfToken;
      if (cookie) headers.cookie = cookie;
    }
    const qs = query.toString();
    const response = await doFetch(`${options.baseUrl}${path}${qs ? `?${qs}` : ''}`, {
      method: endpoint.method,
      headers,
      ...(body.length ? { body } : {}),
      credentials: 'include',
    });
    if (options.manageCookies) {
      const setCookie = response.headers.get('set-cookie');
      const match = setCookie ? /zy_session=([^;]*)/.exec(setCookie) : null;
      if (match) cookie = match[1] ? `zy_session=${match[1]}` : null;
    }
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const e = (json as { error?: { code: string; message: string; details?: unknown; requestId: string } })
        ?.error;
      throw new ApiError(
        response.status,
        e?.code ?? 'HTTP_ERROR',
        e?.message ?? response.statusText,
        e?.details,
        e?.requestId ?? '',
      );
    }
    if (CSRF_SOURCES.has(endpoint.id)) csrfToken = (json as { csrfToken: string }).csrfToken;
    if (endpoint.id === 'logout' || endpoint.id === 'holderLogout') {
      csrfToken = null;
      cookie = null;
    }
    return json;
  }

  const client = Object.fromEntries(
    Object.values(endpoints).map((e) => [e.id, (input?: object) => call(e as Endpoint, input)]),
  ) as Record<string, unknown>;
  Object.defineProperty(client, 'csrfToken', { get: () => csrfToken });
  return client as Client;
}

export { APP_SIGNATURE_HEADERS };
