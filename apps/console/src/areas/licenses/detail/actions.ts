import type { LicenseStatus } from '../model';

/** The actions of changeLicense (contract endpoints/licenses.ts). */
export type LifecycleAction =
  | 'cancel'
  | 'revoke'
  | 'suspend'
  | 'resume'
  | 'report_lost'
  | 'recover'
  | 'pledge'
  | 'release'
  | 'inspect'
  | 'extend';

const LIVE: readonly LicenseStatus[] = ['valid', 'suspended', 'lost', 'pledged'];

/** What each action asks for and from which statuses the server allows it (core licensing/lifecycle.ts). */
export const LIFECYCLE_ACTIONS: readonly {
  action: LifecycleAction;
  names: readonly [zh: string, en: string];
  from: readonly LicenseStatus[];
  /** Ends the licence for good: shown in red. */
  danger?: boolean;
  needs?: 'reasonCode' | 'validTo' | 'inspection' | 'pledgee';
}[] = [
  {
    action: 'cancel',
    names: ['注销', 'Cancel'],
    from: [...LIVE, 'expired'],
    danger: true,
    needs: 'reasonCode',
  },
  { action: 'revoke', names: ['吊销', 'Revoke'], from: LIVE, danger: true },
  { action: 'suspend', names: ['暂扣', 'Suspend'], from: ['valid'] },
  { action: 'resume', names: ['恢复', 'Resume'], from: ['suspended'] },
  { action: 'report_lost', names: ['挂失', 'Report lost'], from: ['valid'] },
  { action: 'recover', names: ['找回', 'Recover'], from: ['lost'] },
  { action: 'pledge', names: ['质押', 'Pledge'], from: ['valid'], needs: 'pledgee' },
  { action: 'release', names: ['解押', 'Release'], from: ['pledged'] },
  {
    action: 'inspect',
    names: ['年检', 'Annual inspection'],
    from: ['valid', 'pledged'],
    needs: 'inspection',
  },
  { action: 'extend', names: ['延期', 'Extend'], from: ['valid', 'pledged', 'expired'], needs: 'validTo' },
];

export const actionsFor = (status: LicenseStatus, longTerm: boolean) =>
  LIFECYCLE_ACTIONS.filter((a) => a.from.includes(status) && !(a.action === 'extend' && longTerm));
