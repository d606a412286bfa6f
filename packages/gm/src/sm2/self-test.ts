import { hexToBytes } from './bytes.js';
import type { Sm2PureSigner } from './pure.js';
import type { Sm2Signer } from './signer.js';

/**
 * Known-answer data: the sm2p256v1 example with the default ID (STANDARDS §14.3; also in
 * shared/fixtures/vectors/sm-vectors.json, checked there against OpenSSL and sm-crypto-v2).
 */
const KAT = {
  privateKey: hexToBytes('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8'),
  publicKey: hexToBytes(
    '0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  ),
  message: new TextEncoder().encode('message digest'),
  k: hexToBytes('59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21'),
  signature: hexToBytes(
    '3046022100F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3022100B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
  ),
};

const EMPTY_ID = new Uint8Array(0);
const OTHER_ID = new TextEncoder().encode('ALICE123@YAHOO.COM');

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The pure implementation reproduces the vector exactly (fixed k) and rejects the wrong ID. */
export function checkPure(pure: Sm2PureSigner): boolean {
  return (
    equal(pure.sign(KAT.privateKey, KAT.message, { k: KAT.k }), KAT.signature) &&
    pure.verify(KAT.publicKey, KAT.message, KAT.signature) &&
    !pure.verify(KAT.publicKey, KAT.message, KAT.signature, { id: EMPTY_ID })
  );
}

/**
 * The native path verifies the vector, rejects it under another ID, and its own signatures
 * (default and custom ID) verify with the already checked pure implementation — which rules
 * out both node:crypto traps (plain ECDSA, empty ID).
 */
export function checkNative(native: Sm2Signer, pure: Sm2Signer): boolean {
  if (!native.verify(KAT.publicKey, KAT.message, KAT.signature)) return false;
  if (native.verify(KAT.publicKey, KAT.message, KAT.signature, { id: EMPTY_ID })) return false;
  const own = native.sign(KAT.privateKey, KAT.message);
  const ownWithId = native.sign(KAT.privateKey, KAT.message, { id: OTHER_ID, encoding: 'raw' });
  return (
    pure.verify(KAT.publicKey, KAT.message, own) &&
    !pure.verify(KAT.publicKey, KAT.message, own, { id: EMPTY_ID }) &&
    pure.verify(KAT.publicKey, KAT.message, ownWithId, { id: OTHER_ID, encoding: 'raw' })
  );
}
