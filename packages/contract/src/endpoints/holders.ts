import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { IdParams, Ok, PageQuery, Uuid, pageOf } from '../common.js';
import { LICENSE_STATUS_VALUES } from './licenses.js';
import { DataItemLabel } from './use.js';

/** The logged-in holder (持证主体). */
export const Holder = z.object({
  holderCodeType: z.enum(['001', '111']),
  holderCode: z.string(),
  name: z.string(),
});

/** One of the holder's licences (我的证照), as listed. */
export const HolderLicense = z.object({
  id: Uuid,
  identifier: z.string(),
  version: z.number().int(),
  typeCode: z.string(),
  typeName: z.string(),
  issuerName: z.string(),
  issuerCode: z.string(),
  licenseNumber: z.string(),
  holder: z.object({ name: z.string(), code: z.string(), codeType: z.string() }),
  issueDate: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  longTerm: z.boolean(),
  status: z.enum(LICENSE_STATUS_VALUES),
  /** Status in Chinese (有效, 已过期, 暂扣 …). */
  statusName: z.string(),
  /** The signed files the licence has: pdf, ofd or both. */
  fileFormat: z.enum(['pdf', 'ofd', 'both']),
});

/** The holder's own licence with its full data (照面) and file facts. */
export const HolderLicenseDetail = HolderLicense.extend({
  data: z.record(z.string(), z.unknown()),
  /** The data items in words, in the order the type defines them. */
  dataItems: z.array(DataItemLabel),
  /** Null when the licence was issued as OFD only. */
  fileSha256: z.string().nullable(),
  fileSize: z.number().int().nullable(),
  /** Null when the licence was issued as PDF only. */
  ofdSha256: z.string().nullable(),
  algorithm: z.string(),
  regionCode: z.string(),
  updatedAt: z.string(),
});

const HolderSessionView = z.object({
  holder: Holder,
  csrfToken: z.string(),
  expiresAt: z.string(),
});

/**
 * Holder services. Login and callback are browser redirects (302; login answers
 * `{ redirectUrl }` as JSON when the caller accepts only JSON): see docs/HOLDERS.md.
 */
export const holderEndpoints = {
  holderLogin: endpoint({
    id: 'holderLogin',
    method: 'GET',
    path: '/api/v1/holder/login',
    summary:
      'Start the holder login (OIDC authorisation code + PKCE): 302 to the identity provider; sets the zy_holder_login cookie',
    tag: 'holders',
    auth: 'public',
    query: z.object({ returnTo: z.string().max(512).optional() }).strict(),
    response: z.object({ redirectUrl: z.string() }),
    status: 302,
  }),
  holderCallback: endpoint({
    id: 'holderCallback',
    method: 'GET',
    path: '/api/v1/holder/callback',
    summary:
      'OIDC redirect URI: exchanges the code, validates the ID token, sets the zy_holder_session cookie and answers 302 to returnTo',
    tag: 'holders',
    auth: 'public',
    query: z
      .object({
        code: z.string().max(2048).optional(),
        state: z.string().max(512).optional(),
        iss: z.string().max(2048).optional(),
        error: z.string().max(200).optional(),
        error_description: z.string().max(2048).optional(),
        session_state: z.string().max(512).optional(),
      })
      .strict(),
    response: z.object({ returnTo: z.string() }),
    status: 302,
  }),
  holderMe: endpoint({
    id: 'holderMe',
    method: 'GET',
    path: '/api/v1/holder/me',
    summary: 'The logged-in holder and the CSRF token of the holder session',
    tag: 'holders',
    auth: 'holder',
    response: HolderSessionView,
  }),
  holderLogout: endpoint({
    id: 'holderLogout',
    method: 'POST',
    path: '/api/v1/holder/logout',
    summary: 'End the holder session',
    tag: 'holders',
    auth: 'holder',
    response: Ok,
  }),
  myLicenses: endpoint({
    id: 'myLicenses',
    method: 'GET',
    path: '/api/v1/holder/licenses',
    summary: '我的证照: the holder’s current licence versions, newest first',
    tag: 'holders',
    auth: 'holder',
    query: PageQuery.extend({
      status: z.enum(LICENSE_STATUS_VALUES).optional(),
      typeCode: z.string().length(21).optional(),
    }).strict(),
    response: pageOf(HolderLicense),
  }),
  myLicense: endpoint({
    id: 'myLicense',
    method: 'GET',
    path: '/api/v1/holder/licenses/:id',
    summary: 'One of the holder’s licences with its full data (another holder’s: not found)',
    tag: 'holders',
    auth: 'holder',
    params: IdParams,
    response: HolderLicenseDetail,
  }),
  myLicenseFile: endpoint({
    id: 'myLicenseFile',
    method: 'GET',
    path: '/api/v1/holder/licenses/:id/file',
    summary:
      'The signed file of one of the holder’s licences, PDF or OFD (format; default the PDF when the licence has one, ' +
      'else its OFD; LICENSE_FORMAT_UNAVAILABLE for a format it was not issued in); audited',
    tag: 'holders',
    auth: 'holder',
    params: IdParams,
    query: z.object({ format: z.enum(['pdf', 'ofd']).optional() }).strict(),
    response: z.object({
      fileName: z.string(),
      format: z.enum(['pdf', 'ofd']),
      /** application/pdf or application/ofd */
      contentType: z.string(),
      sha256: z.string(),
      /** format pdf */
      pdfBase64: z.string().optional(),
      /** format ofd */
      ofdBase64: z.string().optional(),
    }),
  }),
};
