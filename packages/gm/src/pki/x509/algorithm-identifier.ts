import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { signatureAlgorithmByOid } from '../../algorithms/registry.js';
import type { SignatureAlgorithm, SignatureAlgorithmName } from '../../algorithms/registry.js';
import { asn1ToBytes, derSequence, originalBytes } from '../asn1/der.js';

export interface AlgorithmInfo {
  readonly oid: string;
  /** The registry name when the algorithm is one we sign / verify with. */
  readonly name?: SignatureAlgorithmName;
  /** DER of the parameters, absent when there are none. */
  readonly parameters?: Uint8Array;
}

export function algorithmFromAsn1(
  node: asn1js.AsnType | undefined,
  what: string,
  code: string,
): AlgorithmInfo {
  if (!(node instanceof asn1js.Sequence))
    throw new GmError(code, `${what}: AlgorithmIdentifier is not a SEQUENCE`);
  const [oidNode, params, ...rest] = node.valueBlock.value;
  if (!(oidNode instanceof asn1js.ObjectIdentifier) || rest.length > 0) {
    throw new GmError(code, `${what}: bad AlgorithmIdentifier`);
  }
  const oid = oidNode.valueBlock.toString();
  const name = signatureAlgorithmByOid(oid)?.name;
  return { oid, ...(name ? { name } : {}), ...(params ? { parameters: originalBytes(params) } : {}) };
}

const NULL = Uint8Array.of(0x05, 0x00);

/** AlgorithmIdentifier of a signature algorithm as written in certificates, CRLs and CSRs. */
export function encodeSignatureAlgorithm(
  algorithm: SignatureAlgorithm,
  oid: string = algorithm.oid,
): Uint8Array {
  return derSequence(
    asn1ToBytes(new asn1js.ObjectIdentifier({ value: oid })),
    ...(algorithm.nullParameters ? [NULL] : []),
  );
}

/** AlgorithmIdentifier with absent parameters (digests in CMS, ECDSA) or NULL ones. */
export function encodeAlgorithmIdentifier(oid: string, nullParameters = false): Uint8Array {
  return derSequence(
    asn1ToBytes(new asn1js.ObjectIdentifier({ value: oid })),
    ...(nullParameters ? [NULL] : []),
  );
}

/** True for absent or NULL parameters (the only forms our algorithms use). */
export function hasNoParameters(info: AlgorithmInfo): boolean {
  return (
    !info.parameters || (info.parameters.length === 2 && info.parameters[0] === 5 && info.parameters[1] === 0)
  );
}
