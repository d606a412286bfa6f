import { readFileSync } from 'node:fs';
import type { SealCertificateRenderer } from '@zhengyin/core';
import { bundledSealFontPath, renderSealRevocationCertificate } from '@zhengyin/documents';

/** Seal documents rendered with the bundled open-licence CJK font (embedded as a subset). */
export function documentSealCertificates(): SealCertificateRenderer {
  let font: Uint8Array | null = null;
  return {
    revocation: (input) => {
      font ??= new Uint8Array(readFileSync(bundledSealFontPath('regular')));
      return renderSealRevocationCertificate({ ...input, font });
    },
  };
}
