import type { Check, Verdict } from '@zhengyin/documents';

/** The named steps of a verification report, in the order they are shown. */
export const VERIFICATION_STEPS = [
  { key: 'integrity', zh: '完整性', en: 'Integrity' },
  { key: 'signature', zh: '签名', en: 'Signature' },
  { key: 'certificate', zh: '证书', en: 'Certificate' },
  { key: 'seal', zh: '印章', en: 'Seal' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'annotation', zh: '加注件', en: 'Annotated copy' },
] as const;

export type VerificationStep = (typeof VERIFICATION_STEPS)[number]['key'];

const BY_NAME: Record<string, VerificationStep> = {
  FORMAT: 'integrity',
  ENCRYPTION: 'integrity',
  SIGNATURES: 'integrity',
  BYTE_RANGE: 'integrity',
  INTEGRITY: 'integrity',
  MODIFICATION: 'integrity',
  LICENSE_FILE_MATCHES: 'integrity',
  SIGNATURE: 'signature',
  SIGNING_TIME: 'signature',
  TIMESTAMP: 'signature',
  SIGNER_CERTIFICATE: 'certificate',
  CERTIFICATE_CHAIN: 'certificate',
  // OFD: references and Signature.xml digests, content no signature covers, seal appearances.
  REFERENCES: 'integrity',
  DATA_HASH: 'integrity',
  COVERAGE: 'integrity',
  STAMP_ANNOT: 'seal',
};

/** The step a check belongs to (by its name). */
export function verificationStep(checkName: string): VerificationStep {
  const known = BY_NAME[checkName];
  if (known) return known;
  if (checkName.startsWith('ANNOTATION')) return 'annotation';
  if (checkName.startsWith('LICENSE')) return 'status';
  if (checkName.startsWith('SEAL')) return 'seal';
  return 'integrity';
}

/** Plain-language headline of the main reason a file or QR code is not valid. */
const PLAIN: Record<string, { zh: string; en: string }> = {
  LICENSE_REVOKED: { zh: '证照已吊销', en: 'The licence was revoked' },
  LICENSE_CANCELLED: { zh: '证照已注销', en: 'The licence was cancelled' },
  LICENSE_EXPIRED: { zh: '证照已过期', en: 'The licence has expired' },
  LICENSE_SUSPENDED: { zh: '证照已暂扣', en: 'The licence is suspended' },
  LICENSE_LOST: { zh: '证照已挂失', en: 'The licence was reported lost' },
  LICENSE_SUPERSEDED: { zh: '证照已更新，此为旧版本', en: 'A newer version replaces this licence' },
  LICENSE_NOT_ISSUED: { zh: '证照未签发', en: 'The licence was never issued' },
  LICENSE_UNKNOWN: { zh: '证照库中没有此证照', en: 'The registry does not know this licence' },
  LICENSE_FILE_MISMATCH: {
    zh: '文件与签发存档不一致',
    en: 'The file is not the one the registry issued',
  },
  LICENSE_METADATA_INCONSISTENT: { zh: '证照信息自相矛盾', en: 'The licence metadata contradicts itself' },
  PDF_DIGEST_MISMATCH: { zh: '文件已被篡改', en: 'The file was altered after signing' },
  PDF_MODIFIED_AFTER_SIGNING: { zh: '签名后文件被修改', en: 'The file was changed after signing' },
  PDF_UNSIGNED_TRAILING_DATA: { zh: '签名后文件被追加数据', en: 'Data was appended after signing' },
  PDF_SIGNATURE_INVALID: { zh: '签名无效', en: 'A signature does not verify' },
  PDF_CERTIFICATE_EXPIRED: { zh: '签名证书已过期', en: 'A signing certificate had expired' },
  PDF_CERTIFICATE_REVOKED: { zh: '签名证书已吊销', en: 'A signing certificate is revoked' },
  SEAL_NOT_ACTIVE_AT_SIGNING: { zh: '签章时印章不可用', en: 'The seal was not active when it signed' },
  ANNOTATION_EXPIRED: { zh: '加注件已过期', en: 'The annotated copy has expired' },
  ANNOTATION_SIGNER_UNKNOWN: {
    zh: '加注件不是由本平台签发',
    en: 'The annotation was not signed by this platform',
  },
  ANNOTATION_LICENSE_MISMATCH: {
    zh: '加注件与证照不符',
    en: 'The annotation names another licence',
  },
  ANNOTATION_ORIGINAL_MODIFIED: { zh: '原件在加注时被修改', en: 'The original was changed' },
  PDF_NO_SIGNATURES: { zh: '文件没有签名', en: 'The file has no signature' },
  PDF_NO_TRUST_ANCHORS: {
    zh: '未配置信任根证书，无法判断',
    en: 'No trusted root certificates: cannot decide',
  },
  PDF_CHAIN_NOT_TRUSTED: {
    zh: '签名证书不是受信任的机构签发',
    en: 'The signing certificate is not from a trusted authority',
  },
  PDF_TOO_LARGE: { zh: '文件过大', en: 'The file is too large' },
  PDF_MALFORMED: { zh: '不是可读的 PDF 文件', en: 'Not a readable PDF file' },
  PDF_LIMIT_EXCEEDED: { zh: '文件结构超出安全限制', en: 'The file exceeds a safety limit' },
  OFD_NO_SIGNATURES: { zh: '文件没有签章', en: 'The file has no seal signature' },
  OFD_REFERENCE_MISMATCH: { zh: '文件已被篡改', en: 'The file was altered after signing' },
  OFD_REFERENCE_MISSING: { zh: '签章保护的文件缺失', en: 'A file the signature protects is missing' },
  OFD_NO_REFERENCES: { zh: '签章未保护任何文件', en: 'The signature protects no file' },
  OFD_DATA_HASH_MISMATCH: {
    zh: '签名描述文件已被篡改',
    en: 'The signature description (Signature.xml) was altered',
  },
  OFD_UNSIGNED_CONTENT: {
    zh: '文件含有未经签章保护的内容',
    en: 'The file contains content no signature protects',
  },
  OFD_SIGNATURE_INVALID: { zh: '签名无效', en: 'A signature does not verify' },
  OFD_SIGNATURE_OVER_HASH_ONLY: {
    zh: '签名不符合标准（只对摘要签名）',
    en: 'A non-standard signature (over the digest only)',
  },
  OFD_SIGNED_VALUE_MALFORMED: { zh: '签名值无法解析', en: 'A signature value cannot be read' },
  OFD_SIGNED_VALUE_MISSING: { zh: '签名值缺失', en: 'A signature value is missing' },
  OFD_TBS_VERSION_MISMATCH: { zh: '签名结构版本错误', en: 'The signature structure has the wrong version' },
  OFD_CERTIFICATE_EXPIRED_AT_SIGNING: {
    zh: '签章时签名证书已过期',
    en: 'The signing certificate had expired when it signed',
  },
  OFD_CERTIFICATE_NOT_YET_VALID_AT_SIGNING: {
    zh: '签章时签名证书尚未生效',
    en: 'The signing certificate was not yet valid when it signed',
  },
  OFD_SEAL_EXPIRED_AT_SIGNING: { zh: '签章时印章已过期', en: 'The seal had expired when it signed' },
  OFD_SEAL_NOT_YET_VALID_AT_SIGNING: {
    zh: '签章时印章尚未生效',
    en: 'The seal was not yet valid when it signed',
  },
  OFD_SEAL_SIGNATURE_INVALID: {
    zh: '印章制作签名无效（印章不可信）',
    en: 'The seal’s maker signature does not verify',
  },
  OFD_SEAL_HEADER_INVALID: { zh: '印章数据格式错误', en: 'The seal data is malformed' },
  OFD_SIGNER_NOT_IN_SEAL: {
    zh: '签名证书与印章不匹配',
    en: 'The signing certificate does not belong to the seal',
  },
  OFD_SEAL_FILE_MISMATCH: {
    zh: '印章文件与签名中的印章不一致',
    en: 'Seal.esl differs from the seal that signed',
  },
  OFD_SEAL_FILE_MISSING: { zh: '印章文件缺失', en: 'Seal.esl is missing' },
  OFD_STAMP_PAGE_MISSING: {
    zh: '签章位置指向不存在的页面',
    en: 'A seal appearance names a page that does not exist',
  },
  OFD_SIGN_TYPE_UNSUPPORTED: { zh: '不支持的签名类型（Sign）', en: 'Unsupported signature type (Sign)' },
  OFD_CHECK_METHOD_UNSUPPORTED: { zh: '不支持的摘要算法', en: 'Unsupported digest method' },
  OFD_SEAL_CERT_LIST_MALFORMED: {
    zh: '印章证书列表格式错误',
    en: 'The seal’s certificate list is malformed',
  },
  OFD_CERTIFICATE_UNPARSABLE: { zh: '证书格式错误', en: 'A certificate is malformed' },
  OFD_TIMESTAMP_INVALID: { zh: '时间戳无效', en: 'The time-stamp does not verify' },
  OFD_TIMESTAMP_NOT_TRUSTED: {
    zh: '时间戳不是受信任的机构签发',
    en: 'The time-stamp is not from a trusted authority',
  },
  OFD_NO_TRUST_ANCHORS: {
    zh: '未配置信任根证书，无法判断',
    en: 'No trusted root certificates: cannot decide',
  },
  OFD_CHAIN_NOT_TRUSTED: {
    zh: '签名证书不是受信任的机构签发',
    en: 'The signing certificate is not from a trusted authority',
  },
  OFD_CERTIFICATE_EXPIRED: { zh: '签名证书已过期', en: 'A signing certificate had expired' },
  OFD_CERTIFICATE_REVOKED: { zh: '签名证书已吊销', en: 'A signing certificate is revoked' },
};

/** The report's headline: verdict in plain words, and the main reason when it is not valid. */
export function verdictHeadline(
  verdict: Verdict,
  firstFailure: string | null,
  checks: readonly Check[] = [],
): { zh: string; en: string } {
  if (verdict === 'VALID') {
    const warning = checks.some((c) => c.code === 'LICENSE_UNDER_OBJECTION');
    return warning
      ? { zh: '验证通过（证照数据异议处理中）', en: 'Valid (an objection is being handled)' }
      : { zh: '验证通过', en: 'Valid' };
  }
  const reason = firstFailure ? PLAIN[firstFailure] : undefined;
  if (verdict === 'INVALID')
    return reason
      ? { zh: `无效：${reason.zh}`, en: `Not valid: ${reason.en}` }
      : { zh: '无效', en: 'Not valid' };
  return reason
    ? { zh: `无法确定：${reason.zh}`, en: `Could not decide: ${reason.en}` }
    : { zh: '无法确定', en: 'Could not decide' };
}

export const STATUS_LABELS: Record<Check['status'], { zh: string; en: string; mark: string }> = {
  VALID: { zh: '通过', en: 'passed', mark: '✓' },
  INVALID: { zh: '不通过', en: 'failed', mark: '✗' },
  ERROR: { zh: '无法判断', en: 'undecided', mark: '?' },
  SKIPPED: { zh: '不适用', en: 'skipped', mark: '–' },
};
