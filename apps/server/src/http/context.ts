import type {
  Actor,
  CoreDeps,
  LicensingPorts,
  PdfSealer,
  RequestMeta,
  SealCertificateRenderer,
  SealImageMaker,
  Session,
} from '@zhengyin/core';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config/schema.js';
import type { Database } from '../db/database.js';

/** What the HTTP layer is built from (the composition root fills it). */
export interface ServerContext {
  readonly config: Config;
  readonly deps: CoreDeps;
  /** Adapters of the seal use cases (images, PDF engine, SHA-256). */
  readonly seals: {
    readonly images: SealImageMaker;
    readonly pdf: PdfSealer;
    readonly renderer: SealCertificateRenderer;
    readonly sha256: (bytes: Uint8Array) => Uint8Array;
  };
  /** Adapters of the licence issuance use cases (face renderer, PDF engine, QR tokens). */
  readonly licensing: LicensingPorts;
  readonly database: Database;
  readonly logger: Logger;
  readonly metrics: Registry;
  readonly version: string;
}

/** Per-request values kept on the Hono context. */
export interface RequestState {
  actor: Actor;
  meta: RequestMeta;
  session: Session | null;
}

export type AppEnv = { Variables: { state: RequestState; requestId: string } };
