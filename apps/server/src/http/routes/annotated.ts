import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import {
  annotatedCopyFile,
  annotatedCopyFileName,
  listAnnotatedCopies,
  makeAnnotatedCopy,
  type AnnotatedCopy,
} from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { bind } from '../route.js';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const presentCopy = (c: AnnotatedCopy, now: Date) => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
  expiresAt: c.expiresAt.toISOString(),
  active: c.expiresAt > now,
});

/** 加注件 (annotated copies) of licences: make one, list them, fetch a file. */
export function annotatedCopyRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const deps = ctx.deps;
  bind(app, ctx, endpoints.createAnnotatedCopy, async ({ params, body }, { actor, meta }) => {
    const { expiresAt, ...rest } = body;
    const out = await makeAnnotatedCopy(deps, ctx.annotation, {
      actor,
      meta,
      input: { licenseId: params.id, ...rest, ...(expiresAt ? { expiresAt: new Date(expiresAt) } : {}) },
    });
    return {
      copyId: out.copyId,
      expiresAt: out.expiresAt.toISOString(),
      format: out.format,
      contentType: out.contentType,
      fileName: annotatedCopyFileName(out.copy),
      fileSha256: out.fileSha256,
      fileBase64: base64(out.bytes),
    };
  });
  bind(app, ctx, endpoints.listAnnotatedCopies, async ({ params }, { actor }) => {
    const now = deps.clock.now();
    return { items: (await listAnnotatedCopies(deps, actor, params.id)).map((c) => presentCopy(c, now)) };
  });
  bind(app, ctx, endpoints.annotatedCopyFile, async ({ params }, { actor }) => {
    const file = await annotatedCopyFile(deps, actor, params.id);
    return {
      fileName: file.fileName,
      format: file.copy.format,
      contentType: file.contentType,
      sha256: file.copy.fileSha256,
      [file.copy.format === 'ofd' ? 'ofdBase64' : 'pdfBase64']: base64(file.bytes),
    };
  });
}
