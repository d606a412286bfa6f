/** Short Weierstrass curve y² = x³ + ax + b over F_p with a prime-order base point (cofactor 1). */
export interface Sm2CurveParams {
  readonly name: string;
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly n: bigint;
  readonly gx: bigint;
  readonly gy: bigint;
}

/** sm2p256v1, the recommended curve of GB/T 32918.5 (OID 1.2.156.10197.1.301). */
export const SM2P256V1: Sm2CurveParams = Object.freeze({
  name: 'sm2p256v1',
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
});

export const OID_SM2_CURVE = '1.2.156.10197.1.301';
export const OID_SM2_SIGN = '1.2.156.10197.1.301.1';
export const OID_SM2_ENCRYPT = '1.2.156.10197.1.301.3';
export const OID_SM3 = '1.2.156.10197.1.401';
export const OID_SM3_WITH_SM2 = '1.2.156.10197.1.501';
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';

/** Field elements and scalars are encoded as 32-byte big-endian strings for 256-bit curves. */
export const curveByteLength = (curve: Sm2CurveParams): number => (curve.p.toString(16).length + 1) >> 1;
