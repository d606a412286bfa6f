import type { Call, CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import { holderCodeTypeOf, requireUseHolder } from './access.js';
import type { UseRecord } from './types.js';

/** 用证记录 of the holder's licences: who used which licence's fields, when, why, newest first. */
export async function listHolderUsage(
  deps: Pick<CoreDeps, 'uow'>,
  { actor, input }: Omit<Call<PageRequest>, 'meta'>,
): Promise<Page<UseRecord>> {
  const holder = requireUseHolder(actor);
  return deps.uow.run((r) =>
    r.useRecords.forHolder(
      holderCodeTypeOf(holder.holderCodeType),
      holder.holderCode.trim().toUpperCase(),
      input,
    ),
  );
}
