import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Client } from '@zhengyin/sdk';
import { createClient } from '@zhengyin/sdk';
import type { TestPlatform } from '@zhengyin/server/testing';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  createTestPlatform,
  holderLoginSteps,
  publishedTypeWithSeal,
  responseCookies,
  testUscc,
} from '@zhengyin/server/testing';
import type { DemoHolderEntry } from './demo-holders.js';
import { DEMO_HOLDER_PASSWORD, seedDemoHolders } from './demo-holders.js';

let p: TestPlatform;
let dir: string;
let issued: { id: string; identifier: string; holder: { code: string } }[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhengyin-demo-holders-'));
  p = await createTestPlatform();
  const orgs = await p.seedOrgs();
  const { issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode);
  const issue = (c: Client, name: string, code: string) =>
    c.issueLicense({
      body: {
        typeCode: BUSINESS_TYPE_CODE,
        departmentId: orgs.deptA,
        sealPin: SEAL_PIN,
        item: { holder: { name, code }, data: { FDDBR: '张三', CLRQ: '2020-05-01' } },
      },
    });
  const first = testUscc('MA6D0001');
  issued = [
    await issue(issuer, '演示甲公司', first),
    await issue(issuer, '演示乙公司', testUscc('MA6D0002')),
    await issue(issuer, '演示甲公司', first),
  ];
}, 120_000);
afterAll(async () => {
  await p.close();
  await rm(dir, { recursive: true, force: true });
});

describe('demo holders (DIR/holders.json)', () => {
  test('one dev-IdP login per holder, written to holders.json; each logs in and sees its licences', async () => {
    const returned = await seedDemoHolders(p.ctx, dir, issued);
    const file = JSON.parse(await readFile(join(dir, 'holders.json'), 'utf8')) as DemoHolderEntry[];
    expect(file).toEqual(returned);
    expect(file.map((h) => [h.username, h.holderCodeType, h.name, h.licences.length])).toEqual([
      ['demo.holder01', '001', '演示甲公司', 2],
      ['demo.holder02', '001', '演示乙公司', 1],
    ]);
    expect(file.every((h) => h.password === DEMO_HOLDER_PASSWORD)).toBe(true);

    for (const holder of file) {
      const steps = holderLoginSteps(p);
      const started = await steps.start();
      const submitted = await steps.submit(started.authorizeUrl, holder.username, holder.password);
      const done = await steps.callback(submitted.callbackUrl!, started.loginCookie);
      const token = responseCookies(done).zy_holder_session!;
      const client = createClient({
        baseUrl: 'http://zhengyin.test',
        fetch: (input, init = {}) =>
          p.fetchFrom()(input, {
            ...init,
            headers: { ...init.headers, cookie: `zy_holder_session=${token}` },
          }),
      });
      expect((await client.holderMe()).holder.holderCode).toBe(holder.holderCode);
      const mine = await client.myLicenses();
      expect(mine.items.map((l) => l.id).sort()).toEqual([...holder.licences].sort());
    }
  });

  test('a second run keeps the same accounts (no duplicates)', async () => {
    await seedDemoHolders(p.ctx, dir, issued);
    const again = await seedDemoHolders(p.ctx, dir, issued);
    expect(again.map((h) => h.username)).toEqual(['demo.holder01', 'demo.holder02']);
    const rows = await p.db.database.db.selectFrom('dev_idp_users').select('username').execute();
    expect(rows.map((r) => r.username).sort()).toEqual(['demo.holder01', 'demo.holder02']);
  });
});
