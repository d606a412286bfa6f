import type {
  Actor,
  AnnotationPorts,
  CoreDeps,
  LicensingPorts,
  OfdDocumentSealer,
  OfdPageImages,
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
import type { Notifier } from '@zhengyin/core';
import type { HolderServices } from '../adapters/oidc-holder-services.js';
import type { ApiCallWriter } from './api-call-writer.js';
import type { VerificationTallyWriter } from './verification-tally-writer.js';
import type { UsePorts } from '@zhengyin/core';

/** What the HTTP layer is built from (the composition root fills it). */
export interface ServerContext {
  readonly config: Config;
  readonly deps: CoreDeps;
  /** Adapters of the seal use cases (images, PDF and OFD engines, SHA-256). */
  readonly seals: {
    readonly images: SealImageMaker;
    readonly pdf: PdfSealer;
    readonly ofd: OfdDocumentSealer;
    readonly renderer: SealCertificateRenderer;
    readonly sha256: (bytes: Uint8Array) => Uint8Array;
  };
  /** Adapters of the licence issuance use cases (face renderer, PDF engine, QR tokens). */
  readonly licensing: LicensingPorts;
  /** Adapters of the 加注件 use cases (annotation engine with its font, SHA-256, rules). */
  readonly annotation: AnnotationPorts;
  readonly database: Database;
  /** Holder login adapters: OIDC relying party, development IdP (adapters/oidc-holder-services.ts). */
  readonly holders: HolderServices;
  /** The batched API call log (接口调用日志). */
  readonly apiCalls: ApiCallWriter;
  /** The batched daily verification tallies (outcome and reason code, no personal data). */
  readonly verificationTally: VerificationTallyWriter;
  /** The notification transport of the outbox sender (adapters/notifier-*.ts). */
  readonly notifier: Notifier;
  /** Adapters of the use service (亮证 token key, limits). */
  readonly use: UsePorts;
  /** Adapters of the sharing API: OFD licence faces as images (with the licence font chain). */
  readonly sharing: { readonly ofdImages: OfdPageImages };
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
