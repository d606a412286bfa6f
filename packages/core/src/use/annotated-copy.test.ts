/**
 * The rules of makeAnnotatedCopy that need no database: who may ask, and the input checks, which
 * must refuse before anything is read or signed. The database paths (limit, licence status,
 * storage, audit) are tested over HTTP in apps/server (annotated.test.ts) on PGlite and PostgreSQL.
 */
import { describe, expect, test } from 'vitest';
import type { Actor } from '../shared/actor.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { DEFAULT_ANNOTATION_RULES, type AnnotationPorts } from './annotated-copy-ports.js';
import { authorizeAnnotation, makeAnnotatedCopy, type MakeAnnotatedCopyInput } from './annotated-copy.js';

const license = { regionCode: '610100', departmentId: 'dept-a' };
const user = (
  role: 'issuer' | 'auditor' | 'user_operator',
  departmentId: string | null,
  regionCode: string | null,
): Actor => ({
  kind: 'user',
  id: 'u1',
  username: 'u1',
  roles: [{ role, departmentId, regionCode }],
  departmentRegions: departmentId ? { [departmentId]: '610100' } : {},
});
const app = (departmentId: string, scopes: string[]): Actor => ({
  kind: 'app',
  id: 'a1',
  departmentId,
  scopes,
});

const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('who may make a 加注件 directly', () => {
  test('issuers and licenses:issue apps of the issuing department, and the system actor; nobody else', () => {
    const allowed: Actor[] = [
      SYSTEM_ACTOR,
      user('issuer', 'dept-a', null),
      app('dept-a', ['licenses:issue']),
    ];
    const refused: Actor[] = [
      user('issuer', 'dept-b', null),
      user('auditor', null, '610000'),
      user('user_operator', 'dept-a', null),
      app('dept-a', ['licenses:read']),
      app('dept-b', ['licenses:issue']),
      { kind: 'holder', id: 'h1', holderCodeType: '001', holderCode: '91350100M000100Y43', name: '某公司' },
      { kind: 'anonymous' },
    ];
    expect(allowed.map((a) => codeOf(() => authorizeAnnotation(a, license)))).toEqual([null, null, null]);
    expect(refused.map((a) => codeOf(() => authorizeAnnotation(a, license)))).toEqual(
      refused.map(() => 'AUTH_FORBIDDEN'),
    );
  });
});

describe('input checks (before any read or signature)', () => {
  const NOW = new Date('2026-11-20T02:00:00.000Z');
  const DAY = 86_400_000;
  let touched = 0;
  const deps = {
    uow: {
      run: async () => {
        touched++;
        throw new Error('the database must not be reached');
      },
    },
    clock: { now: () => new Date(NOW) },
    ids: { uuid: () => 'id', randomBytes: (n: number) => new Uint8Array(n) },
    keys: {},
  } as unknown as Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'keys'>;
  const ports: AnnotationPorts = {
    pdf: {
      annotate: async () => {
        touched++;
        throw new Error('nothing may be signed');
      },
    },
    ofd: {
      annotate: async () => {
        touched++;
        throw new Error('nothing may be signed');
      },
      sealPicture: async () => {
        touched++;
        throw new Error('no seal may be made');
      },
    },
    sha256: () => new Uint8Array(32),
    rules: DEFAULT_ANNOTATION_RULES,
  };
  const attempt = async (input: Partial<MakeAnnotatedCopyInput>) => {
    try {
      await makeAnnotatedCopy(deps, ports, {
        actor: SYSTEM_ACTOR,
        meta: { requestId: null, clientIp: null },
        input: { licenseId: 'l1', cause: '核验', ...input },
      });
      return 'no error';
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return (e as AppError).code;
    }
  };

  test('cause, item and producer: required, at most 200 characters, no control characters', async () => {
    expect(await attempt({ cause: '' })).toBe('ANNOTATION_INVALID');
    expect(await attempt({ cause: '  ' })).toBe('ANNOTATION_INVALID');
    expect(await attempt({ cause: '事'.repeat(201) })).toBe('ANNOTATION_INVALID');
    expect(await attempt({ cause: '核验\n伪造的第二行' })).toBe('ANNOTATION_INVALID');
    expect(await attempt({ itemCode: 'SX 001' })).toBe('ANNOTATION_INVALID');
    expect(await attempt({ itemName: '项'.repeat(201) })).toBe('ANNOTATION_INVALID');
    expect(await attempt({ producer: '\u0007' })).toBe('ANNOTATION_INVALID');
    expect(await attempt({ format: 'docx' as never })).toBe('ANNOTATION_INVALID');
    expect(touched).toBe(0);
  });

  test('expiry: after now, at most 90 days ahead (90 days exactly is allowed and reaches the database)', async () => {
    expect(await attempt({ expiresAt: new Date(NOW.getTime()) })).toBe('ANNOTATION_EXPIRY_INVALID');
    expect(await attempt({ expiresAt: new Date(NOW.getTime() - DAY) })).toBe('ANNOTATION_EXPIRY_INVALID');
    expect(await attempt({ expiresAt: new Date('not a date') })).toBe('ANNOTATION_EXPIRY_INVALID');
    expect(await attempt({ expiresAt: new Date(NOW.getTime() + 90 * DAY + 1000) })).toBe(
      'ANNOTATION_VALIDITY_TOO_LONG',
    );
    expect(touched).toBe(0);
    // The boundary passes the input checks: the stub database is reached (and throws).
    await expect(
      makeAnnotatedCopy(deps, ports, {
        actor: SYSTEM_ACTOR,
        meta: { requestId: null, clientIp: null },
        input: { licenseId: 'l1', cause: '核验', expiresAt: new Date(NOW.getTime() + 90 * DAY) },
      }),
    ).rejects.toThrow('the database must not be reached');
    expect(touched).toBe(1);
  });
});
