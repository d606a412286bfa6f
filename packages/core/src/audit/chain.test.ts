import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalJson } from './canonical.js';
import type { AuditRecord } from './chain.js';
import { GENESIS_HASH, auditHash, verifyChain } from './chain.js';

function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const unhashed = {
      seq,
      at: new Date(Date.UTC(2026, 10, 20, 0, seq)),
      actorKind: 'user',
      actorId: 'u1',
      action: 'orgs.region.created',
      targetType: 'region',
      targetId: String(610000 + seq),
      regionCode: null,
      details: { seq },
      requestId: `r${seq}`,
      clientIp: '127.0.0.1',
      prevHash: prev,
    };
    const record = { ...unhashed, hash: auditHash(unhashed) };
    out.push(record);
    prev = record.hash;
  }
  return out;
}

async function* iterate(records: AuditRecord[]) {
  yield* records;
}

const head = (records: AuditRecord[]) => ({
  seq: records.at(-1)?.seq ?? 0,
  hash: records.at(-1)?.hash ?? GENESIS_HASH,
});

describe('canonical JSON', () => {
  test('sorted keys, no white space, unicode kept', () => {
    expect(canonicalJson({ b: 1, a: [true, null, '证照'], c: { y: 'x', x: 'y' } })).toBe(
      '{"a":[true,null,"证照"],"b":1,"c":{"x":"y","y":"x"}}',
    );
    expect(() => canonicalJson({ n: 0.5 })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
  test('key order never changes the bytes', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(obj);
      }),
    );
  });
});

describe('hash chain (SM3)', () => {
  test('known answer: SM3(genesis ‖ canonical event), checked independently with node:crypto', () => {
    // Pinned: a change of the canonical form or of the hash would break every stored chain.
    expect(chain(1)[0]!.hash).toBe('0bd13c6de5c9ec98e21ade394265185db8626871e0e513aa97589a91a097d722');
  });
  test('intact chain verifies; an empty log verifies', async () => {
    const records = chain(5);
    expect(await verifyChain(iterate(records), head(records))).toEqual({
      intact: true,
      checked: 5,
      headSeq: 5,
      problems: [],
    });
    expect((await verifyChain(iterate([]), head([]))).intact).toBe(true);
  });
  test('any single edited field of any event is detected', async () => {
    const fields = ['at', 'actorId', 'action', 'targetId', 'details', 'requestId', 'clientIp'] as const;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 }), fc.constantFrom(...fields), async (index, field) => {
        const records = chain(5);
        const original = records[index]!;
        const edited: AuditRecord = {
          ...original,
          [field]: field === 'at' ? new Date(0) : field === 'details' ? { seq: -1 } : 'tampered',
        };
        records[index] = edited;
        const report = await verifyChain(iterate(records), head(chain(5)));
        expect(report.intact).toBe(false);
        expect(report.problems[0]).toMatchObject({ seq: original.seq, kind: 'HASH_MISMATCH' });
      }),
    );
  });
  test('deletion, reordering and a moved head are detected', async () => {
    const records = chain(5);
    const deleted = records.filter((r) => r.seq !== 3);
    expect((await verifyChain(iterate(deleted), head(records))).problems.map((p) => p.kind)).toEqual([
      'SEQUENCE_GAP',
      'PREVIOUS_HASH_MISMATCH',
    ]);
    const swapped = [records[0]!, records[2]!, records[1]!, records[3]!, records[4]!];
    expect((await verifyChain(iterate(swapped), head(records))).intact).toBe(false);
    const truncated = records.slice(0, 4);
    expect((await verifyChain(iterate(truncated), head(records))).problems.map((p) => p.kind)).toEqual([
      'HEAD_MISMATCH',
    ]);
  });
});
