import type { OfdSealer } from '@zhengyin/core';
import { sealOfd } from '@zhengyin/documents';

/**
 * The OFD sealing engine of @zhengyin/documents: an SES (GB/T 38540) signature over the document,
 * shown as a stamp annotation in the given box. Its document errors (OFD_* / SES_*) become
 * LICENSE_SIGNING_FAILED in the issuance use case, as the PDF engine's do.
 */
export const documentOfdSealer: OfdSealer = {
  async seal(request) {
    const { ofd, signedValue } = await sealOfd({
      ofd: request.ofd,
      sesSeal: request.sesSeal,
      signerCertificate: request.signerCertificate,
      sign: request.sign,
      placement: { kind: 'box', ...request.placement },
      signingTime: request.signingTime,
      protection: request.protection,
      coverAnnotations: request.coverAnnotations,
      ...(request.timestamp ? { timestamp: request.timestamp } : {}),
    });
    return { ofd, signedValue };
  },
};
