import type { Client } from '@zhengyin/sdk';

/** The answer of POST /api/v1/verify (file verification). */
export type FileReport = Awaited<ReturnType<Client['verifyFile']>>;
/** The answer of POST /api/v1/verify/qr (licence QR verification). */
export type QrReport = Awaited<ReturnType<Client['verifyQr']>>;
export type Check = FileReport['checks'][number];
export type Verdict = FileReport['verdict'];
