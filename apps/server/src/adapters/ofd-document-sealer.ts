import type { OfdDocumentSealer } from '@zhengyin/core';
import { openOfd, sealOfd } from '@zhengyin/documents';

/**
 * 用印 on OFD documents: the page boxes from the OFD reader (pages are parsed only when a
 * placement asks for their box) and the SES sealing engine of @zhengyin/documents. Both throw
 * DocumentErrors (OFD_*, GM_SES_*), which sealDocument turns into application errors.
 */
export const documentOfdDocumentSealer: OfdDocumentSealer = {
  pages(ofd) {
    const doc = openOfd(ofd);
    return { count: doc.pages.length, box: (index) => doc.page(index).physicalBox };
  },
  seal: (request) => sealOfd(request),
};
