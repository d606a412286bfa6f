import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Who may call an endpoint: `public` needs nothing; `user` needs a staff session (cookie + CSRF
 * header on unsafe methods); `app` needs a signed app request; `staff-or-app` accepts either.
 * `holder` needs a holder session (cookie + CSRF header on unsafe methods) from the holder login.
 * The use case still decides what the caller may do.
 */
export type EndpointAuth = 'public' | 'user' | 'app' | 'staff-or-app' | 'holder';

export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly id: string;
  readonly method: HttpMethod;
  /** Hono-style path, e.g. /api/v1/departments/:id */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: EndpointAuth;
  /** Scope an app needs for this endpoint (apps only). */
  readonly scope?: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: R;
  readonly status?: number;
  /** Takes a large body (documents, images): the upload size limit applies instead of the default. */
  readonly upload?: boolean;
}

export function endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
>(definition: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return definition;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : never;
type InputOf<S> = S extends z.ZodType ? z.input<S> : never;

/** What a caller passes for an endpoint (the SDK's argument). */
export type EndpointInput<E> =
  E extends Endpoint<infer P, infer Q, infer B>
    ? (undefined extends E['params'] ? unknown : { params: InputOf<P> }) &
        (undefined extends E['query'] ? unknown : { query?: InputOf<Q> }) &
        (undefined extends E['body'] ? unknown : { body: InputOf<B> })
    : never;

/** What a handler receives after validation. */
export interface ParsedInput<E> {
  params: E extends Endpoint<infer P> ? Infer<P> : never;
  query: E extends Endpoint<z.ZodType, infer Q> ? Infer<Q> : never;
  body: E extends Endpoint<z.ZodType, z.ZodType, infer B> ? Infer<B> : never;
}

export type EndpointOutput<E> =
  E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer R> ? Infer<R> : never;

/** Fills `:name` placeholders of a path. */
export function buildPath(path: string, params: Record<string, string | number> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
