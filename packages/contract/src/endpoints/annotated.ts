import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { IdParams, IsoDateTime, Uuid } from '../common.js';

/** The file format of a 加注件: that of the licence file it was made of. */
export const AnnotatedCopyFormat = z.enum(['pdf', 'ofd']);

/** A 加注件 (annotated copy) of a licence version. */
export const AnnotatedCopy = z.object({
  id: Uuid,
  licenseId: Uuid,
  licenseIdentifier: z.string(),
  useContextId: Uuid.nullable(),
  cause: z.string(),
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  producer: z.string(),
  algorithm: z.enum(['sm2', 'ecdsa-p256']),
  format: AnnotatedCopyFormat,
  createdAt: z.string(),
  expiresAt: z.string(),
  /** False once expiresAt has passed. */
  active: z.boolean(),
  fileSha256: z.string(),
  fileSize: z.number().int(),
});

export const annotatedCopyEndpoints = {
  createAnnotatedCopy: endpoint({
    id: 'createAnnotatedCopy',
    method: 'POST',
    path: '/api/v1/licenses/:id/annotated-copies',
    summary:
      '加注件: the licence file with the statement "此件由××提供，仅供办理××事项时使用，有效期至…", signed by the platform’s annotation key ' +
      '(PDF: CMS signature; OFD: SES seal). format: pdf or ofd, default the PDF when the licence has one, else its OFD; ' +
      'LICENSE_FORMAT_UNAVAILABLE when the licence was not issued in that format',
    tag: 'licenses',
    auth: 'staff-or-app',
    scope: 'licenses:issue',
    status: 201,
    params: IdParams,
    body: z
      .object({
        /** 加注件制作事由 */
        cause: z.string().min(1).max(200),
        itemCode: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[\w.:-]+$/)
          .optional(),
        itemName: z.string().min(1).max(200).optional(),
        /** 加注件制作者; default the caller's department. */
        producer: z.string().min(1).max(200).optional(),
        /** Default now + the configured default validity (30 days); at most 90 days ahead. */
        expiresAt: IsoDateTime.optional(),
        /** The licence file to annotate; default its PDF, or its OFD when issued as OFD only. */
        format: AnnotatedCopyFormat.optional(),
      })
      .strict(),
    response: z.object({
      copyId: Uuid,
      expiresAt: z.string(),
      format: AnnotatedCopyFormat,
      /** application/pdf or application/ofd */
      contentType: z.string(),
      fileName: z.string(),
      fileSha256: z.string(),
      fileBase64: z.string(),
    }),
  }),
  listAnnotatedCopies: endpoint({
    id: 'listAnnotatedCopies',
    method: 'GET',
    path: '/api/v1/licenses/:id/annotated-copies',
    summary: 'The 加注件 made of a licence version, newest first',
    tag: 'licenses',
    auth: 'staff-or-app',
    scope: 'licenses:issue',
    params: IdParams,
    response: z.object({ items: z.array(AnnotatedCopy) }),
  }),
  annotatedCopyFile: endpoint({
    id: 'annotatedCopyFile',
    method: 'GET',
    path: '/api/v1/annotated-copies/:id/file',
    summary: 'The signed file of a 加注件 (PDF or OFD, as it was made)',
    tag: 'licenses',
    auth: 'staff-or-app',
    scope: 'licenses:issue',
    params: IdParams,
    response: z.object({
      fileName: z.string(),
      format: AnnotatedCopyFormat,
      /** application/pdf or application/ofd */
      contentType: z.string(),
      sha256: z.string(),
      /** A PDF copy. */
      pdfBase64: z.string().optional(),
      /** An OFD copy. */
      ofdBase64: z.string().optional(),
    }),
  }),
};
