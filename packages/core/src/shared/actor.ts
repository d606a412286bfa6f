import type { Role } from '../accounts/roles.js';

export interface RoleGrant {
  readonly role: Role;
  /** Region scope (the region and everything below it); null with departmentId null = platform-wide. */
  readonly regionCode: string | null;
  readonly departmentId: string | null;
}

export type Actor =
  | {
      readonly kind: 'user';
      readonly id: string;
      readonly username: string;
      readonly roles: readonly RoleGrant[];
      /** Region of each department the user holds a department-scoped role in. */
      readonly departmentRegions: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'app';
      readonly id: string;
      readonly departmentId: string;
      readonly scopes: readonly string[];
    }
  | {
      /** A licence holder (持证主体) logged in through the holder identity provider (OIDC). */
      readonly kind: 'holder';
      /** The holder session id. */
      readonly id: string;
      /** GB/T 36903 holder code type: 001 统一社会信用代码, 111 公民身份号码. */
      readonly holderCodeType: string;
      readonly holderCode: string;
      readonly name: string;
    }
  | { readonly kind: 'system'; readonly id: string }
  | { readonly kind: 'anonymous' };

/** Facts about the request that every audited use case records. */
export interface RequestMeta {
  readonly requestId: string | null;
  readonly clientIp: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system' };

export function actorId(actor: Actor): string | null {
  return actor.kind === 'anonymous' ? null : actor.id;
}
