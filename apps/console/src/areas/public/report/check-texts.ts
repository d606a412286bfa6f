/** A text in both languages. */
export type Bilingual = readonly [zh: string, en: string];

/**
 * Plain-language wording of the verifiers' reason codes (docs/VERIFICATION.md). PDF and OFD share
 * most meanings, so the format prefix is dropped before the lookup (PDF_CHAIN_VALID and
 * OFD_CHAIN_VALID read the same).
 */
const TEXTS: Record<string, Bilingual> = {
  // integrity
  WELL_FORMED: ['文件结构完好', 'The file structure is sound'],
  NOT_ENCRYPTED: ['文件未加密', 'The file is not encrypted'],
  ENCRYPTED: ['文件已加密，无法核验', 'The file is encrypted and cannot be verified'],
  TOO_LARGE: ['文件过大，无法核验', 'The file is too large to verify'],
  MALFORMED: ['文件已损坏或不是可读的文件', 'The file is damaged or unreadable'],
  LIMIT_EXCEEDED: [
    '文件结构超出安全限制，无法核验',
    'The file exceeds a safety limit and cannot be verified',
  ],
  UNSUPPORTED: ['文件使用了不支持的特性，无法核验', 'The file uses an unsupported feature'],
  SIGNATURES_FOUND: ['文件含有签名', 'The file is signed'],
  NO_SIGNATURES: [
    '文件没有签名，无法证明其真实性',
    'The file has no signature, so nothing proves it is genuine',
  ],
  NOT_MODIFIED: ['签名后文件未被修改', 'Nothing was changed after signing'],
  SIGNATURES_ADDED: ['签名后仅追加了签名', 'Only signatures were added after signing'],
  MODIFIED_AFTER_SIGNING: ['签名后文件被修改', 'The file was changed after signing'],
  UNSIGNED_TRAILING_DATA: ['签名后文件被追加了数据', 'Data was appended after signing'],
  DOCMDP_VIOLATION: [
    '文件被修改，而签名不允许任何修改',
    'The file was changed although its signature allows no change',
  ],
  REVISION_UNKNOWN: ['无法确定签名所覆盖的版本', 'The signed version of the file cannot be identified'],
  BYTE_RANGE_OK: ['签名覆盖了整个文件', 'The signature covers the whole file'],
  BYTE_RANGE_MALFORMED: ['签名范围异常', 'The signed range is irregular'],
  BYTE_RANGE_NOT_FROM_START: ['签名范围异常', 'The signed range is irregular'],
  BYTE_RANGE_GAP_MISMATCH: ['签名范围异常', 'The signed range is irregular'],
  BYTE_RANGE_NOT_REVISION_END: ['签名范围异常', 'The signed range is irregular'],
  CONTENTS_MISSING: ['签名数据缺失', 'The signature data is missing'],
  DIGEST_MATCH: ['文件内容与签名时完全一致', 'The content is exactly what was signed'],
  DIGEST_MISMATCH: ['文件内容在签名后被篡改', 'The content was altered after signing'],
  DIGEST_MISSING: ['签名中缺少文件摘要', 'The signature lacks the file digest'],
  ALL_CONTENT_SIGNED: ['所有内容均受签章保护', 'All content is protected by a signature'],
  UNSIGNED_CONTENT: ['文件含有未经签章保护的内容', 'The file contains content no signature protects'],
  REFERENCES_MATCH: ['文件内容与签章时完全一致', 'The content is exactly what was signed'],
  REFERENCE_MISMATCH: ['文件内容在签章后被篡改', 'The content was altered after signing'],
  REFERENCE_MISSING: ['签章保护的文件缺失', 'A file the signature protects is missing'],
  NO_REFERENCES: ['签章未保护任何内容', 'The signature protects nothing'],
  DATA_HASH_MATCH: ['签章描述未被修改', 'The signature description is unchanged'],
  DATA_HASH_MISMATCH: ['签章描述被篡改', 'The signature description was altered'],
  // signature
  SIGNATURE_VALID: ['签名值验证通过', 'The signature verifies'],
  SIGNATURE_INVALID: ['签名值验证失败', 'The signature does not verify'],
  SIGNATURE_OVER_HASH_ONLY: ['签名不符合标准', 'The signature does not follow the standard'],
  CMS_MALFORMED: ['签名数据无法解析', 'The signature data cannot be read'],
  SIGNED_VALUE_MALFORMED: ['签名值无法解析', 'The signature value cannot be read'],
  SIGNED_VALUE_MISSING: ['签名值缺失', 'The signature value is missing'],
  SIGNATURE_ALGORITHM_UNSUPPORTED: [
    '签名算法不受支持，无法判断',
    'Unsupported signature algorithm: cannot decide',
  ],
  SIGNATURE_NOT_VERIFIABLE: [
    '没有可用于验证的证书，无法判断',
    'No certificate to verify with: cannot decide',
  ],
  SIGNING_TIME_OK: ['签名时间合理', 'The signing time is consistent'],
  SIGNING_TIME_ABSENT: ['未声明签名时间', 'No signing time is given'],
  SIGNING_TIME_OUTSIDE_VALIDITY: [
    '签名时间不在证书有效期内',
    'The signing time is outside the certificate validity',
  ],
  SIGNING_TIME_AFTER_TIMESTAMP: ['签名时间晚于时间戳', 'The signing time is later than the time-stamp'],
  // certificate
  SIGNER_CERTIFICATE_OK: ['签名证书可用于签名', 'The signing certificate may sign'],
  SIGNER_CERTIFICATE_NOT_FOUND: [
    '缺少签名证书，无法判断',
    'The signing certificate is missing: cannot decide',
  ],
  SIGNING_CERTIFICATE_MISMATCH: [
    '签名证书与签名声明的不一致',
    'The signing certificate is not the one the signature names',
  ],
  SIGNER_NOT_IN_SEAL: ['签名证书不属于该印章', 'The signing certificate does not belong to the seal'],
  KEY_USAGE_NOT_ALLOWED: ['证书不允许用于签名', 'The certificate may not sign'],
  CHAIN_VALID: [
    '签名证书由受信任的机构签发，签名时有效',
    'Issued by a trusted authority and valid when it signed',
  ],
  NO_TRUST_ANCHORS: [
    '未配置受信任的根证书，无法确认签名者身份',
    'No trusted root certificate is configured, so the signer cannot be confirmed',
  ],
  CHAIN_NOT_TRUSTED: [
    '签名证书的根证书不受信任，无法确认签名者身份',
    'The signing certificate leads to an untrusted root, so the signer cannot be confirmed',
  ],
  VALIDATION_TIME_UNKNOWN: [
    '无法确定签名时间，证书无法检查',
    'The signing time is unknown, so the certificate cannot be checked',
  ],
  CERTIFICATE_EXPIRED: ['签名时证书已过期', 'The certificate had expired when it signed'],
  CERTIFICATE_NOT_YET_VALID: ['签名时证书尚未生效', 'The certificate was not yet valid when it signed'],
  CERTIFICATE_EXPIRED_AT_SIGNING: ['签名时证书已过期', 'The certificate had expired when it signed'],
  CERTIFICATE_NOT_YET_VALID_AT_SIGNING: [
    '签名时证书尚未生效',
    'The certificate was not yet valid when it signed',
  ],
  CERTIFICATE_REVOKED: ['证书已被吊销', 'The certificate is revoked'],
  CHAIN_INVALID: ['证书链有误', 'The certificate chain is broken'],
  CERTIFICATE_UNPARSABLE: ['证书格式错误，无法判断', 'A certificate is malformed: cannot decide'],
  // time-stamp
  TIMESTAMP_VALID: ['可信时间戳证明了签名时间', 'A trusted time-stamp proves when it was signed'],
  NO_TIMESTAMP: ['未加时间戳', 'No time-stamp'],
  DOCUMENT_TIMESTAMP: ['文档时间戳', 'A document time-stamp'],
  TIMESTAMP_MALFORMED: ['时间戳无法解析', 'The time-stamp cannot be read'],
  TIMESTAMP_INVALID: ['时间戳无效', 'The time-stamp does not verify'],
  TIMESTAMP_NOT_TRUSTED: [
    '时间戳完好，但其签发机构不受信任，无法判断',
    'The time-stamp is intact but its authority is not trusted: cannot decide',
  ],
  // seal
  SEAL_VALID: ['电子印章真实有效', 'The electronic seal is genuine'],
  NO_SEAL: ['签名未使用电子印章', 'The signature uses no electronic seal'],
  SEAL_NOT_EMBEDDED: ['未附印章数据，无法核对', 'The seal data is not embedded: nothing to check'],
  SEAL_MALFORMED: ['印章数据无法解析', 'The seal data cannot be read'],
  SEAL_CODE_MISMATCH: ['印章编码不一致', 'The seal code does not match'],
  SEAL_INVALID: ['电子印章检查未通过', 'The electronic seal fails its checks'],
  SEAL_SIGNER_NOT_LISTED: ['签名证书不属于该印章', 'The signing certificate does not belong to the seal'],
  SEAL_UNVERIFIABLE: ['无法检查电子印章', 'The electronic seal cannot be checked'],
  SEAL_HEADER_INVALID: ['印章数据格式错误', 'The seal data is malformed'],
  SEAL_SIGNATURE_INVALID: ['印章制作签名无效', 'The seal maker’s signature does not verify'],
  SEAL_EXPIRED_AT_SIGNING: ['签章时印章已过期', 'The seal had expired when it signed'],
  SEAL_NOT_YET_VALID_AT_SIGNING: ['签章时印章尚未生效', 'The seal was not yet valid when it signed'],
  SEAL_FILE_MATCHES: ['印章文件一致', 'The seal file matches'],
  SEAL_FILE_MISMATCH: ['印章文件与签章中的印章不一致', 'The seal file differs from the seal that signed'],
  SEAL_FILE_MISSING: ['印章文件缺失', 'The seal file is missing'],
  SEAL_FILE_ABSENT: ['未附印章文件', 'No separate seal file'],
  STAMP_ANNOTS_OK: ['印章外观位置正常', 'The seal appearances are in place'],
  STAMP_PAGE_MISSING: ['印章外观指向不存在的页面', 'A seal appearance names a missing page'],
  NO_STAMP_ANNOT: ['没有印章外观', 'No seal appearance'],
  SEAL_ACTIVE_AT_SIGNING: ['签章时印章在登记库中状态正常', 'The seal was in use when it signed'],
  SEAL_NOT_ACTIVE_AT_SIGNING: [
    '签章时印章已停用、挂失或注销',
    'The seal was suspended, lost or revoked when it signed',
  ],
  SEAL_STATUS_AT_SIGNING_UNKNOWN: ['无法确定签章时的印章状态', 'The seal’s status at signing is unknown'],
  SEAL_ACTIVE_NOW: ['印章当前状态正常', 'The seal is in use now'],
  SEAL_STATUS_CHANGED_SINCE: [
    '印章在签章后变更了状态，此前的签章仍然有效',
    'The seal changed status after signing; signatures made before stay valid',
  ],
  // registry
  LICENSE_REGISTERED: ['证照已在证照库登记', 'The licence is in the registry'],
  LICENSE_UNKNOWN: ['证照库中没有此证照', 'The registry does not know this licence'],
  LICENSE_NOT_OURS: ['其他平台签发的证照，未查询登记状态', 'A licence of another platform: not looked up'],
  LICENSE_NOT_A_LICENSE: ['这是签章文件，不是证照', 'A sealed document, not a licence'],
  LICENSE_NO_SIGNED_REVISION: ['没有可读的签发版本', 'No signed version to read'],
  LICENSE_REGISTRY_NOT_CONSULTED: ['未查询证照库', 'The registry was not consulted'],
  LICENSE_METADATA_UNREADABLE: ['证照信息无法读取', 'The licence information cannot be read'],
  LICENSE_METADATA_INCONSISTENT: ['证照信息自相矛盾', 'The licence information contradicts itself'],
  LICENSE_FILE_MATCHES: ['与证照库存档的签发文件一致', 'The same file the registry issued'],
  LICENSE_FILE_MISMATCH: ['与证照库存档的签发文件不一致', 'Not the file the registry issued'],
  // status
  LICENSE_VALID: ['证照有效', 'The licence is in force'],
  LICENSE_PLEDGED: ['证照有效（质押中）', 'The licence is in force (pledged)'],
  LICENSE_EXPIRED: ['已过期', 'Expired'],
  LICENSE_CANCELLED: ['已注销', 'Cancelled'],
  LICENSE_REVOKED: ['已吊销', 'Revoked'],
  LICENSE_SUSPENDED: ['已暂扣', 'Suspended'],
  LICENSE_LOST: ['已挂失', 'Reported lost'],
  LICENSE_SUPERSEDED: ['已变更，此为旧版本', 'Replaced by a newer version'],
  LICENSE_NOT_ISSUED: ['证照未签发', 'The licence was never issued'],
  LICENSE_NO_OBJECTION: ['无未决异议', 'No open objection'],
  LICENSE_UNDER_OBJECTION: [
    '证照数据异议处理中，证照仍有效',
    'An objection to the data is being handled; the licence stays in force',
  ],
  // 加注件
  ANNOTATION_SIGNER_PLATFORM: ['加注件由本平台签发', 'The annotated copy was signed by this platform'],
  ANNOTATION_SIGNER_UNKNOWN: ['加注件不是本平台签发', 'The annotated copy was not signed by this platform'],
  ANNOTATION_SIGNER_NOT_CHECKED: ['未核对加注件签发者', 'The annotation signer was not checked'],
  ANNOTATION_NOT_EXPIRED: ['加注件在有效期内', 'The annotated copy has not expired'],
  ANNOTATION_EXPIRED: ['加注件已过期', 'The annotated copy has expired'],
  ANNOTATION_EXPIRY_MALFORMED: ['加注件有效期格式错误', 'The annotated copy’s expiry is malformed'],
  ANNOTATION_LICENSE_MATCHES: ['加注件与证照一致', 'The annotation names this licence'],
  ANNOTATION_LICENSE_MISMATCH: ['加注件与证照不符', 'The annotation names another licence'],
  ANNOTATION_ORIGINAL_INTACT: ['原件未被修改', 'The original is unchanged'],
  ANNOTATION_ORIGINAL_MODIFIED: ['原件在加注时被修改', 'The original was changed'],
  ANNOTATION_WITHOUT_ORIGINAL: ['没有原件签名', 'There is no original signature'],
};

/** The plain wording of a reason code, or null when there is none (the server's message is shown then). */
export function checkText(code: string): Bilingual | null {
  return TEXTS[code] ?? TEXTS[code.replace(/^(PDF|OFD)_/, '')] ?? null;
}
