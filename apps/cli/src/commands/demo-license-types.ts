import type { DataItem, IssueItem, LicenseTypeContent, SealAlgorithm } from '@zhengyin/core';
import { demoCitizenId, demoUscc } from './demo-codes.js';
import { BUSINESS_LICENSE_FACE, FOOD_LICENSE_FACE, SPECIAL_WORKER_FACE } from './demo-license-faces.js';

/** One sample licence: a stable key (its idempotency reference) and the seal algorithm to sign with. */
export interface DemoSample {
  readonly key: string;
  readonly algorithm: SealAlgorithm;
  readonly item: IssueItem;
}

export interface DemoLicenseType {
  readonly typeCode: string;
  readonly name: string;
  content(sealId: string, departmentId: string): LicenseTypeContent;
  /** `rare` is an Extension-B character the configured fonts cover, for one holder name. */
  samples(rare: string): DemoSample[];
}

const SAMR = {
  name: '国家市场监督管理总局（演示）',
  code: demoUscc('11', '100000', '59990001'),
  level: 1 as const,
};
const MOHURD = {
  name: '住房和城乡建设部（演示）',
  code: demoUscc('11', '100000', '59990002'),
  level: 1 as const,
};
const AREA = '330105';

const text = (code: string, labelZh: string, labelEn: string, maxLength: number): DataItem => ({
  code,
  labelZh,
  labelEn,
  type: 'text',
  required: true,
  maxLength,
  masking: { kind: 'none' },
});
const date = (code: string, labelZh: string, labelEn: string): DataItem => ({
  code,
  labelZh,
  labelEn,
  type: 'date',
  required: true,
  masking: { kind: 'none' },
});
const choice = (code: string, labelZh: string, labelEn: string, enumValues: string[]): DataItem => ({
  code,
  labelZh,
  labelEn,
  type: 'enum',
  required: true,
  enumValues,
  masking: { kind: 'none' },
});
const legalRepresentative: DataItem = {
  ...text('FDDBR', '法定代表人', 'Legal representative', 50),
  masking: { kind: 'partial', keepStart: 1, keepEnd: 0 },
};

function common(sealId: string, departmentId: string) {
  return {
    sealId,
    issuerDepartmentIds: [departmentId],
    sharing: 'unconditional' as const,
  };
}

const BUSINESS_TYPES = [
  '有限责任公司（自然人投资或控股）',
  '有限责任公司（自然人独资）',
  '股份有限公司（非上市、自然人投资或控股）',
  '个人独资企业',
  '普通合伙企业',
];

/** 营业执照: long-term, legal entities (统一社会信用代码). */
const businessLicense: DemoLicenseType = {
  typeCode: `${SAMR.code}001`,
  name: '营业执照',
  content: (sealId, departmentId) => ({
    name: '营业执照',
    definer: SAMR,
    holderCategory: 'legal_entity',
    holderCodeTypes: ['001'],
    validity: { kind: 'long_term' },
    dataItems: [
      choice('LX', '类型', 'Type of entity', BUSINESS_TYPES),
      legalRepresentative,
      text('ZCZB', '注册资本', 'Registered capital', 40),
      date('CLRQ', '成立日期', 'Date of establishment'),
      text('ZS', '住所', 'Domicile', 100),
      text('JYFW', '经营范围', 'Business scope', 1000),
    ],
    faceTemplate: BUSINESS_LICENSE_FACE,
    sampleData: {
      LX: BUSINESS_TYPES[0],
      FDDBR: '张三',
      ZCZB: '壹佰万元整',
      CLRQ: '2020-05-01',
      ZS: '浙江省杭州市拱墅区示例路1号',
      JYFW: '一般项目：技术服务、技术开发、技术咨询。',
    },
    serviceItems: [{ code: '330105-SCJG-001', name: '企业设立登记' }],
    ...common(sealId, departmentId),
  }),
  samples: () => [
    {
      key: 'yyzz-1',
      algorithm: 'sm2',
      item: {
        holder: { name: '杭州云栖示例科技有限公司', code: demoUscc('91', AREA, 'MA2H0001') },
        licenseNumber: '330105000100011',
        data: {
          LX: BUSINESS_TYPES[0],
          FDDBR: '王晓明',
          ZCZB: '伍佰万元整',
          CLRQ: '2019-03-18',
          ZS: '浙江省杭州市拱墅区莫干山路100号3幢501室',
          JYFW:
            '一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务；' +
            '数据处理服务（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）。',
        },
      },
    },
    {
      key: 'yyzz-2',
      algorithm: 'ecdsa-p256',
      item: {
        holder: { name: '杭州运河示例贸易有限公司', code: demoUscc('91', AREA, 'MA2H0002') },
        licenseNumber: '330105000100022',
        data: {
          LX: BUSINESS_TYPES[1],
          FDDBR: '刘芳',
          ZCZB: '壹佰万元整',
          CLRQ: '2021-07-06',
          ZS: '浙江省杭州市拱墅区丽水路58号',
          JYFW: '一般项目：日用百货销售；五金产品零售；办公用品销售；货物进出口（依法须经批准的项目，经相关部门批准后方可开展经营活动）。',
        },
      },
    },
    {
      key: 'yyzz-3',
      algorithm: 'sm2',
      item: {
        holder: { name: '杭州拱宸示例文化传媒工作室', code: demoUscc('91', AREA, 'MA2H0003') },
        licenseNumber: '330105600100033',
        data: {
          LX: BUSINESS_TYPES[3],
          FDDBR: '陈静',
          ZCZB: '拾万元整',
          CLRQ: '2023-01-09',
          ZS: '浙江省杭州市拱墅区小河路12号1楼',
          JYFW: '一般项目：组织文化艺术交流活动；广告设计、代理；摄影扩印服务。',
        },
      },
    },
  ],
};

const FOOD_FORMATS = ['食品销售经营者', '餐饮服务经营者', '单位食堂'];

/** 食品经营许可证: 5 years, legal entities. */
const foodLicense: DemoLicenseType = {
  typeCode: `${SAMR.code}002`,
  name: '食品经营许可证',
  content: (sealId, departmentId) => ({
    name: '食品经营许可证',
    definer: SAMR,
    holderCategory: 'legal_entity',
    holderCodeTypes: ['001'],
    validity: { kind: 'fixed', years: 5, months: 0, days: 0 },
    dataItems: [
      { ...legalRepresentative, labelZh: '法定代表人（负责人）' },
      text('ZS', '住所', 'Domicile', 100),
      text('JYCS', '经营场所', 'Business premises', 100),
      choice('ZTYT', '主体业态', 'Business format', FOOD_FORMATS),
      text('JYXM', '经营项目', 'Business items', 500),
      text('RCJDGLJG', '日常监督管理机构', 'Supervising authority', 60),
      text('RCJDGLRY', '日常监督管理人员', 'Supervisors', 40),
      { ...text('TSJBDH', '投诉举报电话', 'Complaint hotline', 20), pattern: '[0-9-]{3,20}' },
    ],
    faceTemplate: FOOD_LICENSE_FACE,
    sampleData: {
      FDDBR: '张三',
      ZS: '浙江省杭州市拱墅区示例路1号',
      JYCS: '浙江省杭州市拱墅区示例路1号',
      ZTYT: FOOD_FORMATS[0],
      JYXM: '预包装食品销售（含冷藏冷冻食品）',
      RCJDGLJG: '拱墅区市场监督管理局示例所',
      RCJDGLRY: '李四、王五',
      TSJBDH: '12315',
    },
    serviceItems: [{ code: '330105-SCJG-002', name: '食品经营许可' }],
    ...common(sealId, departmentId),
  }),
  samples: () => [
    {
      key: 'spjy-1',
      algorithm: 'sm2',
      item: {
        holder: { name: '杭州运河示例餐饮管理有限公司', code: demoUscc('91', AREA, 'MA2H0011') },
        licenseNumber: 'JY23301050001234',
        data: {
          FDDBR: '周建华',
          ZS: '浙江省杭州市拱墅区湖墅南路200号',
          JYCS: '浙江省杭州市拱墅区湖墅南路200号1-2层',
          ZTYT: FOOD_FORMATS[1],
          JYXM: '热食类食品制售；冷食类食品制售（不含烧卤熟肉）；自制饮品制售（不含自酿酒）',
          RCJDGLJG: '拱墅区市场监督管理局湖墅市场监督管理所',
          RCJDGLRY: '吴敏、郑浩',
          TSJBDH: '12315',
        },
      },
    },
    {
      key: 'spjy-2',
      algorithm: 'ecdsa-p256',
      item: {
        holder: { name: '杭州云栖示例超市有限公司', code: demoUscc('91', AREA, 'MA2H0012') },
        licenseNumber: 'JY13301050005678',
        data: {
          FDDBR: '孙丽',
          ZS: '浙江省杭州市拱墅区上塘路88号',
          JYCS: '浙江省杭州市拱墅区上塘路88号一楼',
          ZTYT: FOOD_FORMATS[0],
          JYXM: '预包装食品（含冷藏冷冻食品）销售；散装食品（含冷藏冷冻食品）销售；保健食品销售',
          RCJDGLJG: '拱墅区市场监督管理局上塘市场监督管理所',
          RCJDGLRY: '钱伟、何琳',
          TSJBDH: '12315',
        },
      },
    },
    {
      key: 'spjy-3',
      algorithm: 'sm2',
      item: {
        holder: { name: '杭州示例职业技术学院', code: demoUscc('12', AREA, '47000001') },
        licenseNumber: 'JY33301050000421',
        data: {
          FDDBR: '冯志远',
          ZS: '浙江省杭州市拱墅区学院路10号',
          JYCS: '浙江省杭州市拱墅区学院路10号第一食堂',
          ZTYT: FOOD_FORMATS[2],
          JYXM: '热食类食品制售',
          RCJDGLJG: '拱墅区市场监督管理局祥符市场监督管理所',
          RCJDGLRY: '蒋涛',
          TSJBDH: '0571-12315',
        },
      },
    },
  ],
};

const OPERATION_CATEGORIES = [
  '建筑电工',
  '建筑架子工（普通脚手架）',
  '建筑起重信号司索工',
  '建筑起重机械司机（塔式起重机）',
  '建筑起重机械安装拆卸工（塔式起重机）',
  '高处作业吊篮安装拆卸工',
];

function worker(
  key: string,
  algorithm: SealAlgorithm,
  name: string,
  sex: '男' | '女',
  birth: string,
  sequence: string,
  category: number,
  firstIssued: string,
): DemoSample {
  const number = `浙A${String(category + 1).padStart(2, '0')}${firstIssued.slice(0, 4)}00${sequence}`;
  return {
    key,
    algorithm,
    item: {
      holder: { name, code: demoCitizenId(AREA, birth, sequence) },
      licenseNumber: number,
      data: { XB: sex, CSRQ: birth, CZLB: OPERATION_CATEGORIES[category], CCLZRQ: firstIssued },
    },
  };
}

/** 建筑施工特种作业人员操作资格证书: 2 years, natural persons (公民身份号码). */
const specialWorker: DemoLicenseType = {
  typeCode: `${MOHURD.code}001`,
  name: '建筑施工特种作业人员操作资格证书',
  content: (sealId, departmentId) => ({
    name: '建筑施工特种作业人员操作资格证书',
    definer: MOHURD,
    holderCategory: 'natural_person',
    holderCodeTypes: ['111'],
    validity: { kind: 'fixed', years: 2, months: 0, days: 0 },
    dataItems: [
      choice('XB', '性别', 'Sex', ['男', '女']),
      { ...date('CSRQ', '出生日期', 'Date of birth'), masking: { kind: 'hidden' } },
      choice('CZLB', '操作类别', 'Operation category', OPERATION_CATEGORIES),
      date('CCLZRQ', '初次领证日期', 'Date first certified'),
    ],
    faceTemplate: SPECIAL_WORKER_FACE,
    sampleData: { XB: '男', CSRQ: '1980-01-01', CZLB: OPERATION_CATEGORIES[0], CCLZRQ: '2010-01-01' },
    serviceItems: [{ code: '330105-ZJ-001', name: '建筑施工特种作业人员操作资格证书核发' }],
    ...common(sealId, departmentId),
  }),
  // Sequences: odd for men, even for women (GB 11643).
  samples: (rare) => [
    worker('tzzy-1', 'sm2', '李建国', '男', '1985-04-12', '013', 0, '2016-05-20'),
    worker('tzzy-2', 'sm2', `黄${rare}`, '男', '1990-11-02', '035', 1, '2018-09-03'),
    worker('tzzy-3', 'ecdsa-p256', '王秀英', '女', '1979-08-30', '024', 5, '2015-03-16'),
  ],
};

export const DEMO_LICENSE_TYPES: readonly DemoLicenseType[] = [businessLicense, foodLicense, specialWorker];

/** Extension-B characters real names use; the demo prints the first one the fonts cover. */
export const RARE_CANDIDATES = ['\u{20BB7}', '\u{2123C}', '\u{2A6A5}'] as const;
