import type { EndpointOutput, Endpoints } from '@zhengyin/contract';

export type SealDetail = EndpointOutput<Endpoints['getSeal']>;
export type Seal = SealDetail['seal'];
export type SealStatus = Seal['status'];
export type SealType = Seal['type'];
export type BusinessPurpose = NonNullable<Seal['purpose']>;
export type SealAlgorithm = Seal['algorithm'];
export type SealUseList = EndpointOutput<Endpoints['listSealUse']>;
export type SealUseRequest = SealUseList['requests'][number];
export type SealUsage = SealUseList['usages']['items'][number];
export type PagePreview = EndpointOutput<Endpoints['previewSealDocumentPage']>;

/** The body of applySeal (written out: the contract's input type does not resolve for upload endpoints). */
export interface ApplySealBody {
  departmentId: string;
  type: SealType;
  purpose?: BusinessPurpose | null;
  name: string;
  owner: { kind: 'department' } | { kind: 'enterprise' | 'person'; name: string; code: string };
  keeperId: string;
  reason: string;
  algorithm?: SealAlgorithm;
  image:
    | { kind: 'generate'; shape?: 'round' | 'oval' | 'square'; bottomText?: string }
    | { kind: 'upload'; base64: string; widthMm: number; heightMm: number };
  attachments?: { name: string; contentType: string; base64: string }[];
}

/** Where the seal goes: its centre in points from the displayed page's lower-left corner, a keyword, … */
export type SealPlacement =
  | { kind: 'coordinates'; page: number; x: number; y: number }
  | { kind: 'keyword'; keyword: string; occurrence?: number }
  | { kind: 'last-page' };
