/**
 * The error-code registry: every code the API can return, its HTTP status and its message in
 * Chinese and English. docs/ERRORS.md lists the same codes (a test keeps them in step).
 * Codes never change meaning once published.
 */
export interface ErrorSpec {
  readonly status: number;
  readonly zh: string;
  readonly en: string;
}

export const ERROR_CODES = {
  REQUEST_MALFORMED_JSON: { status: 400, zh: '请求体不是合法的 JSON', en: 'Request body is not valid JSON' },
  REQUEST_VALIDATION_FAILED: { status: 400, zh: '请求参数校验失败', en: 'Request validation failed' },
  REQUEST_BODY_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'Request body too large' },
  REQUEST_RATE_LIMITED: {
    status: 429,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests, try again later',
  },
  REQUEST_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  INTERNAL_ERROR: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },

  AUTH_REQUIRED: { status: 401, zh: '需要登录或签名认证', en: 'Authentication required' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Invalid username or password' },
  AUTH_TOTP_REQUIRED: { status: 401, zh: '需要动态口令', en: 'A one-time code (TOTP) is required' },
  AUTH_TOTP_INVALID: { status: 401, zh: '动态口令错误', en: 'Invalid one-time code (TOTP)' },
  AUTH_ACCOUNT_LOCKED: { status: 423, zh: '账号已锁定，请稍后再试', en: 'Account locked, try again later' },
  AUTH_ACCOUNT_INACTIVE: { status: 403, zh: '账号已停用', en: 'Account deactivated' },
  AUTH_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '首次登录或密码重置后必须修改密码',
    en: 'Password must be changed before continuing',
  },
  AUTH_PASSWORD_POLICY: { status: 400, zh: '密码不符合安全策略', en: 'Password does not meet the policy' },
  AUTH_SESSION_EXPIRED: { status: 401, zh: '会话已过期，请重新登录', en: 'Session expired, log in again' },
  AUTH_CSRF_FAILED: { status: 403, zh: 'CSRF 校验失败', en: 'CSRF token missing or wrong' },
  AUTH_SIGNATURE_MISSING: { status: 401, zh: '缺少请求签名', en: 'Request signature headers missing' },
  AUTH_SIGNATURE_INVALID: { status: 401, zh: '请求签名无效', en: 'Request signature invalid' },
  AUTH_TIMESTAMP_STALE: {
    status: 401,
    zh: '请求时间戳超出允许范围（±5 分钟）',
    en: 'Request timestamp outside the ±5 minute window',
  },
  AUTH_NONCE_REPLAYED: { status: 401, zh: '请求随机数已使用（重放）', en: 'Nonce already used (replay)' },
  AUTH_APP_UNKNOWN: { status: 401, zh: '应用不存在或已停用', en: 'Unknown or deactivated app' },
  AUTH_IP_NOT_ALLOWED: { status: 403, zh: '来源 IP 不在白名单内', en: 'Client IP not in the allow-list' },
  AUTH_SCOPE_MISSING: { status: 403, zh: '应用未获得所需权限范围', en: 'App lacks the required scope' },
  AUTH_FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'Not allowed to perform this action' },

  ORGS_REGION_CODE_INVALID: {
    status: 400,
    zh: '行政区划代码无效（GB/T 2260）',
    en: 'Invalid area code (GB/T 2260)',
  },
  ORGS_REGION_PARENT_MISMATCH: {
    status: 400,
    zh: '上级行政区划与代码层级不符',
    en: 'Parent region does not match the code hierarchy',
  },
  ORGS_REGION_EXISTS: { status: 409, zh: '行政区划已存在', en: 'Region already exists' },
  ORGS_REGION_NOT_FOUND: { status: 404, zh: '行政区划不存在', en: 'Region not found' },
  ORGS_USCC_INVALID: {
    status: 400,
    zh: '统一社会信用代码无效（GB 32100）',
    en: 'Invalid unified social credit code (GB 32100)',
  },
  ORGS_DEPARTMENT_EXISTS: {
    status: 409,
    zh: '该统一社会信用代码的部门已存在',
    en: 'A department with this credit code exists',
  },
  ORGS_DEPARTMENT_NOT_FOUND: { status: 404, zh: '部门不存在', en: 'Department not found' },
  ORGS_DEPARTMENT_INACTIVE: { status: 409, zh: '部门已停用', en: 'Department is deactivated' },
  ORGS_PARENT_INVALID: {
    status: 400,
    zh: '上级部门无效（不存在、已停用或形成环）',
    en: 'Invalid parent department (missing, inactive or cyclic)',
  },
  ORGS_VERSION_CONFLICT: {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'Changed by someone else; reload and retry',
  },

  ACCOUNTS_USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'Username already taken' },
  ACCOUNTS_USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'User not found' },
  ACCOUNTS_ROLE_SCOPE_INVALID: {
    status: 400,
    zh: '角色的作用范围无效',
    en: 'Invalid scope for this role',
  },
  ACCOUNTS_ROLES_CONFLICT: {
    status: 400,
    zh: '管理、业务与审计权限必须分离',
    en: 'Administration, business use and audit must be held by different accounts',
  },
  ACCOUNTS_APP_NOT_FOUND: { status: 404, zh: '应用不存在', en: 'App not found' },
  ACCOUNTS_TOTP_NOT_SET_UP: { status: 409, zh: '尚未生成动态口令密钥', en: 'TOTP has not been set up' },

  KEYS_NOT_FOUND: { status: 404, zh: '密钥不存在', en: 'Key not found' },
  KEYS_PIN_REQUIRED: { status: 400, zh: '使用该密钥需要 PIN 码', en: 'A PIN is required to use this key' },
  KEYS_PIN_INVALID: { status: 403, zh: 'PIN 码错误', en: 'Wrong PIN' },
  KEYS_LOCKED: {
    status: 423,
    zh: 'PIN 码错误次数过多，密钥已锁定，请稍后再试',
    en: 'Key locked after repeated wrong PINs, try again later',
  },
  KEYS_SIGNER_CLOSED: { status: 500, zh: '签名会话已关闭', en: 'The signing session was closed' },
  KEYS_DESTROYED: { status: 410, zh: '密钥已销毁', en: 'Key has been destroyed' },
  KEYS_ALGORITHM_UNSUPPORTED: { status: 400, zh: '不支持的密钥算法', en: 'Unsupported key algorithm' },
  KEYS_PIN_POLICY: {
    status: 400,
    zh: 'PIN 码不符合要求（6–64 个字符）',
    en: 'PIN does not meet the policy (6–64 characters)',
  },
  KEYS_IMPORT_INVALID: {
    status: 400,
    zh: '导入的私钥无效或与所声明的算法不符',
    en: 'Imported private key is malformed or does not match the algorithm',
  },
  KEYS_UNWRAP_FAILED: {
    status: 500,
    zh: '密钥无法解封（主密钥不符或数据已损坏）',
    en: 'Key cannot be unwrapped (another master key or corrupt data)',
  },

  SEALS_NOT_FOUND: { status: 404, zh: '印章不存在', en: 'Seal not found' },
  SEALS_INVALID_TRANSITION: {
    status: 409,
    zh: '印章当前状态不允许此操作',
    en: 'This action is not allowed in the seal’s current status',
  },
  SEALS_OWNER_INVALID: {
    status: 400,
    zh: '印章所有者信息无效（代码校验失败或类型不符）',
    en: 'Invalid seal owner (code check failed or wrong kind)',
  },
  SEALS_KEEPER_INVALID: {
    status: 400,
    zh: '保管人必须是该部门的印章保管人',
    en: 'The keeper must be a seal keeper of the department',
  },
  SEALS_ALREADY_REVIEWED: {
    status: 409,
    zh: '您已审核过此申请',
    en: 'You have already reviewed this application',
  },
  SEALS_RENEWAL_TOO_EARLY: {
    status: 409,
    zh: '尚未进入续期期限',
    en: 'The renewal window has not opened yet',
  },
  SEALS_CANNOT_SIGN: {
    status: 409,
    zh: '印章不可用于签章（非正常状态或不在有效期内）',
    en: 'The seal cannot sign (not active or outside its validity)',
  },
  SEALS_USE_NOT_FOUND: { status: 404, zh: '用印申请不存在', en: 'Seal use request not found' },
  SEALS_USE_NOT_APPROVED: { status: 409, zh: '用印申请未获批准', en: 'The seal use request is not approved' },
  SEALS_USE_EXHAUSTED: { status: 409, zh: '用印次数已用完', en: 'All approved uses have been used' },
  SEALS_IMAGE_INVALID: { status: 400, zh: '印章图像无效', en: 'Invalid seal image' },
  SEALS_CERTIFICATE_INVALID: {
    status: 400,
    zh: '证书无效或与印章密钥不匹配',
    en: 'Certificate invalid or not matching the seal key',
  },
  SEALS_DOCUMENT_INVALID: {
    status: 400,
    zh: '文档无法处理（格式错误、加密或过大）',
    en: 'Document cannot be processed (malformed, encrypted or too large)',
  },
  SEALS_DOCUMENT_MISMATCH: {
    status: 409,
    zh: '文档与批准用印的文档不一致',
    en: 'The document differs from the one approved for sealing',
  },
  SEALS_VERSION_CONFLICT: {
    status: 409,
    zh: '印章已被他人修改，请刷新后重试',
    en: 'Seal changed by someone else; reload and retry',
  },
  SEALS_OFD_SEAL_UNSUITABLE: {
    status: 400,
    zh: 'OFD 文档用印需要具有 SES 电子印章数据的 SM2 印章',
    en: 'Sealing an OFD document needs an SM2 seal with an SES seal structure',
  },

  CATALOG_INVALID_TRANSITION: {
    status: 409,
    zh: '证照目录当前状态不允许此操作',
    en: 'This action is not allowed in the licence type’s current status',
  },

  CATALOG_TYPE_NOT_FOUND: { status: 404, zh: '证照类型不存在', en: 'Licence type not found' },
  CATALOG_TYPE_EXISTS: {
    status: 409,
    zh: '证照类型代码已存在，请创建新版本',
    en: 'Licence type code exists; create a new version',
  },
  CATALOG_TYPE_INVALID: { status: 400, zh: '证照类型定义无效', en: 'Invalid licence type definition' },
  CATALOG_VERSION_CONFLICT: {
    status: 409,
    zh: '证照类型已被他人修改，请刷新后重试',
    en: 'Licence type changed by someone else; reload and retry',
  },
  CATALOG_OBLIGATORY_NOT_FOUND: {
    status: 404,
    zh: '应开通目录条目不存在',
    en: 'Obligatory list entry not found',
  },
  CATALOG_OBLIGATORY_REMOVED: {
    status: 409,
    zh: '应开通目录条目已移除',
    en: 'Obligatory list entry was removed',
  },
  CATALOG_OBLIGATORY_DUPLICATE: {
    status: 409,
    zh: '该部门的应开通目录已有同名或同代码的证照',
    en: 'The department’s obligatory list already has a licence type with this name or code',
  },
  CATALOG_OBLIGATORY_INVALID: { status: 400, zh: '应开通目录条目无效', en: 'Invalid obligatory list entry' },

  LICENSE_NOT_FOUND: { status: 404, zh: '电子证照不存在', en: 'Licence not found' },
  LICENSE_TYPE_NOT_PUBLISHED: {
    status: 409,
    zh: '证照类型尚未发布，不能签发',
    en: 'The licence type is not published and cannot be issued',
  },
  LICENSE_ISSUER_NOT_ALLOWED: {
    status: 403,
    zh: '本部门不在该证照类型的颁发机构范围内',
    en: 'The department is not allowed to issue this licence type',
  },
  LICENSE_ISSUER_CODE_INVALID: {
    status: 409,
    zh: '颁发部门的统一社会信用代码无效',
    en: 'The issuing department has no valid unified social credit code',
  },
  LICENSE_SEAL_UNUSABLE: {
    status: 409,
    zh: '签发印章不可用（未绑定、不属于本部门或非正常状态）',
    en: 'The issuing seal cannot be used (none bound, another department’s, or not active)',
  },
  LICENSE_DATA_INVALID: { status: 400, zh: '证照数据不符合要求', en: 'The licence data is invalid' },
  LICENSE_GLYPH_MISSING: {
    status: 400,
    zh: '存在字库不支持的字符，无法制证',
    en: 'Some characters are not covered by any configured font',
  },
  LICENSE_TEXT_OVERFLOW: {
    status: 400,
    zh: '文字超出照面模板的区域',
    en: 'A text does not fit its box on the face template',
  },
  LICENSE_TEMPLATE_INVALID: { status: 400, zh: '照面模板无效', en: 'Invalid face template' },
  LICENSE_FONT_INVALID: { status: 500, zh: '配置的字体不可用', en: 'A configured font is not usable' },
  LICENSE_IMAGE_INVALID: { status: 400, zh: '模板图片无效', en: 'Invalid template image' },
  LICENSE_METADATA_INVALID: {
    status: 400,
    zh: '证照文件元数据无效（XMP 或数据附件）',
    en: 'Invalid licence file metadata (XMP or data attachment)',
  },
  PDF_RASTER_OPTIONS_INVALID: {
    status: 400,
    zh: '预览参数无效（页码不存在或分辨率超出范围）',
    en: 'Invalid preview options (no such page or resolution out of range)',
  },
  OFD_MALFORMED: { status: 400, zh: '不是可读的 OFD 文件', en: 'Not a readable OFD file' },
  OFD_PART_MISSING: { status: 400, zh: 'OFD 文件缺少引用的部件', en: 'The OFD file lacks a part it names' },
  OFD_ZIP_BOMB: {
    status: 400,
    zh: 'OFD 压缩包超出安全限制（条目数、大小或压缩比）',
    en: 'The OFD package exceeds a safety limit (entries, size or compression ratio)',
  },
  OFD_PATH_TRAVERSAL: {
    status: 400,
    zh: 'OFD 文件含有指向包外的路径',
    en: 'The OFD file holds a path that leaves the package',
  },
  OFD_XXE: {
    status: 400,
    zh: 'OFD 文件的 XML 声明了 DTD 或实体',
    en: 'An XML part of the OFD file declares a DTD or entities',
  },
  OFD_UNSUPPORTED: {
    status: 400,
    zh: 'OFD 压缩包使用了不支持的特性（加密、ZIP64、分卷或压缩方法）',
    en: 'The OFD package uses an unsupported feature (encryption, ZIP64, multi-part or compression method)',
  },
  OFD_NAMESPACE_UNKNOWN: {
    status: 400,
    zh: '不是 OFD 命名空间的文档',
    en: 'The document is not in an OFD namespace',
  },
  OFD_LIMIT_EXCEEDED: {
    status: 400,
    zh: 'OFD 文件结构超出安全限制（页数、引用数或 XML 规模）',
    en: 'The OFD file exceeds a structural limit (pages, references or XML size)',
  },
  OFD_TOO_LARGE: { status: 413, zh: 'OFD 文件过大', en: 'The OFD file is too large' },
  OFD_INPUT_INVALID: {
    status: 400,
    zh: 'OFD 生成或签章参数无效',
    en: 'Invalid OFD writing or sealing input',
  },
  LICENSE_NUMBER_EXISTS: { status: 409, zh: '证照编号已被使用', en: 'The licence number is already in use' },
  LICENSE_BATCH_SIZE: {
    status: 400,
    zh: '每批签发 1 至 1000 份证照',
    en: 'A batch holds 1 to 1,000 licences',
  },
  LICENSE_IDEMPOTENCY_CONFLICT: {
    status: 409,
    zh: '幂等键已用于内容不同的请求',
    en: 'The idempotency key was already used with a different request',
  },
  LICENSE_INVALID_TRANSITION: {
    status: 409,
    zh: '证照当前状态不允许此操作',
    en: 'This action is not allowed in the licence’s current status',
  },
  LICENSE_VERSION_CONFLICT: {
    status: 409,
    zh: '证照已被他人修改，请刷新后重试',
    en: 'Licence changed by someone else; reload and retry',
  },
  LICENSE_SIGNING_FAILED: { status: 500, zh: '证照签章失败', en: 'Signing the licence failed' },
  LICENSE_IMPORT_NOT_FOUND: { status: 404, zh: '导入任务不存在', en: 'Import job not found' },
  LICENSE_IMPORT_RUNNING: {
    status: 409,
    zh: '导入任务正在执行',
    en: 'The import job is already running',
  },
  LICENSE_IMPORT_FORMAT_CONFLICT: {
    status: 409,
    zh: '导入任务已按另一种文件格式签发，续跑时不能更改格式',
    en: 'The import already issues another file format; a resumed run cannot change it',
  },
  IMPORT_FILE_INVALID: {
    status: 400,
    zh: '导入文件无法读取（格式错误、过大、含宏或不安全内容）',
    en: 'The uploaded file cannot be read (malformed, too large, macros or unsafe content)',
  },
  MAPPING_INVALID: {
    status: 400,
    zh: '字段映射与文件表头或数据项不符',
    en: 'The field mapping does not match the file’s headers or the data items',
  },
  LICENSE_FILE_MISSING: { status: 500, zh: '证照文件缺失', en: 'The licence file is missing' },
  LICENSE_FORMAT_UNAVAILABLE: {
    status: 404,
    zh: '该证照未以所请求的文件格式签发',
    en: 'The licence was not issued in the requested file format',
  },
  LICENSE_OFD_SEAL_UNSUITABLE: {
    status: 400,
    zh: '签发 OFD 证照需要具有 SES 电子印章数据的 SM2 印章',
    en: 'Issuing an OFD licence needs an SM2 seal with an SES seal structure',
  },
  ANNOTATION_INVALID: { status: 400, zh: '加注件请求无效', en: 'The annotated copy request is invalid' },
  ANNOTATION_EXPIRY_INVALID: {
    status: 400,
    zh: '加注件有效期截止时间必须晚于当前时间',
    en: 'The annotated copy must expire after now',
  },
  ANNOTATION_VALIDITY_TOO_LONG: {
    status: 400,
    zh: '加注件有效期超过允许的最长天数',
    en: 'The annotated copy would be valid for longer than allowed',
  },
  ANNOTATION_LIMIT_REACHED: {
    status: 409,
    zh: '该证照在有效期内的加注件数量已达上限',
    en: 'The licence already has the most active annotated copies allowed',
  },
  ANNOTATION_LICENSE_NOT_VALID: {
    status: 409,
    zh: '证照不在有效状态，不能制作加注件',
    en: 'The licence is not in force; no annotated copy can be made',
  },
  ANNOTATION_NOT_FOUND: { status: 404, zh: '加注件不存在', en: 'Annotated copy not found' },
  ANNOTATION_SIGNING_FAILED: { status: 500, zh: '加注件签章失败', en: 'Signing the annotated copy failed' },

  HOLDER_LOGIN_INVALID: {
    status: 400,
    zh: '登录请求无效、已使用或已过期，请重新登录',
    en: 'The login request is invalid, already used or expired; log in again',
  },
  HOLDER_LOGIN_FAILED: {
    status: 401,
    zh: '身份认证服务登录失败',
    en: 'Login at the identity provider failed',
  },
  HOLDER_IDENTITY_INVALID: {
    status: 403,
    zh: '身份认证服务提供的持证主体身份无效（代码类型、校验位或姓名）',
    en: 'The holder identity from the identity provider is invalid (code type, check character or name)',
  },
  HOLDER_RETURN_TO_INVALID: {
    status: 400,
    zh: '登录后跳转地址必须是本站的相对路径',
    en: 'returnTo must be a relative path on this site',
  },

  CALENDAR_DATE_INVALID: {
    status: 400,
    zh: '日期无效（节假日须为工作日，调休上班须为周末）',
    en: 'Invalid calendar date (holidays are weekdays, make-up working days are weekend days)',
  },
  CALENDAR_DAY_NOT_FOUND: {
    status: 404,
    zh: '该日期没有节假日或调休设置',
    en: 'No calendar override for that date',
  },
  NOTIFICATION_SETTINGS_INVALID: {
    status: 400,
    zh: '通知设置无效（邮箱、https 回调地址或提前天数）',
    en: 'Invalid notification settings (e-mail, https webhook or lead days)',
  },
  OBJECTION_NOT_FOUND: { status: 404, zh: '异议不存在', en: 'Objection not found' },
  OBJECTION_DATA_INVALID: { status: 400, zh: '异议内容不符合要求', en: 'The objection data are invalid' },
  OBJECTION_REASONS_REQUIRED: {
    status: 400,
    zh: '处理异议须说明理由',
    en: 'Resolving an objection requires the reasons',
  },
  OBJECTION_EVIDENCE_INVALID: {
    status: 400,
    zh: '证明材料无效（数量、文件名或内容）',
    en: 'Invalid evidence files (count, name or content)',
  },
  OBJECTION_EVIDENCE_TOO_LARGE: { status: 413, zh: '证明材料文件过大', en: 'An evidence file is too large' },
  OBJECTION_EVIDENCE_TYPE: {
    status: 415,
    zh: '证明材料仅接受 PDF、PNG、JPEG，且内容须与类型一致',
    en: 'Evidence must be PDF, PNG or JPEG, with content matching the declared type',
  },
  OBJECTION_LICENSE_NOT_CURRENT: {
    status: 409,
    zh: '只能对现行版本的电子证照提出异议',
    en: 'Objections concern the current version of a licence',
  },
  OBJECTION_INVALID_TRANSITION: {
    status: 409,
    zh: '异议当前状态不允许该操作',
    en: 'The objection’s status does not allow this action',
  },
  OBJECTION_VERSION_CONFLICT: {
    status: 409,
    zh: '异议已被他人处理，请刷新后重试',
    en: 'Objection changed by someone else; reload and retry',
  },

  VERIFY_FILE_EMPTY: { status: 400, zh: '未上传待验证的文件', en: 'No file to verify was uploaded' },
  VERIFY_NOT_PDF: {
    status: 415,
    zh: '待验证文件既不是 PDF 也不是 OFD',
    en: 'The file to verify is neither a PDF nor an OFD file',
  },
  VERIFY_MEDIA_TYPE_UNSUPPORTED: {
    status: 415,
    zh: '请以 application/pdf、application/ofd 或 JSON（fileBase64）上传',
    en: 'Upload as application/pdf, application/ofd or as JSON with fileBase64',
  },

  USE_DEPARTMENT_REQUIRED: {
    status: 400,
    zh: '您属于多个用证部门，请指明部门',
    en: 'You act for several departments: name the using department',
  },
  USE_LIST_ENTRY_NOT_FOUND: { status: 404, zh: '用证清单条目不存在', en: 'Use-list entry not found' },
  USE_LIST_ENTRY_INVALID: { status: 400, zh: '用证清单条目无效', en: 'Invalid use-list entry' },
  USE_LIST_ENTRY_DUPLICATE: {
    status: 409,
    zh: '本部门已为该事项登记此证照类型',
    en: 'The department already lists this service item and licence type',
  },
  USE_LIST_ENTRY_CONFLICT: {
    status: 409,
    zh: '用证清单条目已被他人修改，请刷新后重试',
    en: 'Use-list entry changed by someone else; reload and retry',
  },
  USE_LIST_INVALID_TRANSITION: {
    status: 409,
    zh: '用证清单条目当前状态不允许此操作',
    en: 'This action is not allowed in the use-list entry’s current status',
  },
  USE_CONTEXT_INVALID: { status: 400, zh: '用证上下文无效', en: 'Invalid usage context' },
  USE_CONTEXT_NOT_FOUND: { status: 404, zh: '用证上下文不存在', en: 'Usage context not found' },
  USE_CONTEXT_NOT_APPROVED: {
    status: 409,
    zh: '用证上下文尚未获得授权',
    en: 'The usage context is not approved',
  },
  USE_CONTEXT_NOT_PENDING: {
    status: 409,
    zh: '该用证请求不在待授权状态',
    en: 'The usage request is not waiting for consent',
  },
  USE_CONTEXT_EXPIRED: { status: 410, zh: '用证上下文已过期', en: 'The usage context has expired' },
  USE_NOT_IN_USE_LIST: {
    status: 403,
    zh: '本部门用证清单中没有已批准的对应条目',
    en: 'No approved use-list entry of the department covers this use',
  },
  USE_DUTY_NOT_ALLOWED: {
    status: 403,
    zh: '用证清单不允许依职能用证',
    en: 'The use list does not allow duty-based use',
  },
  USE_HOLDER_MISMATCH: {
    status: 403,
    zh: '亮证码的持证主体与用证上下文不一致',
    en: 'The 亮证 code belongs to another holder than the usage context',
  },
  USE_DATA_ITEM_NOT_ALLOWED: {
    status: 403,
    zh: '请求的数据项超出授权范围',
    en: 'Data items outside the authorised use',
  },
  USE_CODE_INVALID: { status: 400, zh: '用证码无效', en: 'Invalid use-code' },
  USE_CODE_ALREADY_USED: { status: 409, zh: '用证码已使用', en: 'The use-code was already redeemed' },
  USE_CODE_EXPIRED: { status: 410, zh: '用证码已过期', en: 'The use-code has expired' },
  USE_CODE_WRONG_DEPARTMENT: {
    status: 403,
    zh: '用证码不是发给本部门的',
    en: 'The use-code was issued to another department',
  },
  USE_CODE_LOCKED: {
    status: 423,
    zh: '用证码失败次数过多，已暂时锁定，请稍后再试',
    en: 'Too many failed use-codes: locked out, try again later',
  },
  USE_LICENSE_NOT_FOUND: {
    status: 404,
    zh: '持证主体没有符合条件的有效证照',
    en: 'The holder has no licence in force matching the use',
  },
  USE_LICENSE_AMBIGUOUS: {
    status: 409,
    zh: '持证主体有多本符合条件的证照，请指明证照标识',
    en: 'Several licences match: name the licence identifier',
  },
  USE_KIND_NOT_AVAILABLE: {
    status: 501,
    zh: '本服务器暂不提供该用证方式',
    en: 'This kind of use is not available on this server',
  },
  SHOW_TOKEN_INVALID: { status: 400, zh: '亮证码无效', en: 'Invalid 亮证 code' },
  SHOW_TOKEN_EXPIRED: { status: 410, zh: '亮证码已过期，请持证人刷新', en: 'The 亮证 code has expired' },
  SHOW_TOKEN_REPLAYED: { status: 409, zh: '亮证码已被扫描使用', en: 'The 亮证 code was already scanned' },

  METRICS_PERIOD_INVALID: {
    status: 400,
    zh: '统计期间无效（日期须为真实日期、起始不晚于截止，且不超过规定天数）',
    en: 'Invalid period (real dates, from not after to, within the longest period)',
  },
  METRICS_SERVICE_ITEM_NOT_FOUND: { status: 404, zh: '事项不存在', en: 'Service item not found' },
  METRICS_SERVICE_ITEM_REMOVED: { status: 409, zh: '事项已移除', en: 'Service item was removed' },
  METRICS_SERVICE_ITEM_DUPLICATE: {
    status: 409,
    zh: '该部门的事项清单已有此事项编码',
    en: 'The department already lists this service item code',
  },
  METRICS_SERVICE_ITEM_INVALID: { status: 400, zh: '事项信息无效', en: 'Invalid service item' },

  AUDIT_CHAIN_BROKEN: { status: 409, zh: '审计日志链校验失败', en: 'Audit chain verification failed' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}
