// Renders licence faces off the main thread (see src/adapters/license-render-pool.ts). Plain
// JavaScript so that it runs as it is, from the sources and from the build alike.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import * as documents from '@zhengyin/documents';

const { DocumentError, createFontSubsetter, harfbuzzSubsetWasmPath, parseFaceTemplate } = documents;

const fonts = workerData.fonts;
const subsetter = createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
const templates = new Map();

parentPort.on('message', async ({ id, request }) => {
  try {
    let template = templates.get(request.templateKey);
    if (!template) {
      template = parseFaceTemplate(request.template);
      if (templates.size > 100) templates.clear();
      templates.set(request.templateKey, template);
    }
    // Looked up per call: a build without the OFD writer still renders PDF faces.
    const render = request.format === 'ofd' ? documents.renderFaceOfd : documents.renderFace;
    // `pdf` carries the rendered bytes in either format.
    const pdf = await render({ ...request.options, template, fonts, subsetter });
    parentPort.postMessage({ id, pdf }, [pdf.buffer]);
  } catch (e) {
    const error =
      e instanceof DocumentError
        ? { code: e.code, message: e.message, details: e.details }
        : { code: 'INTERNAL_ERROR', message: String(e?.message ?? e) };
    parentPort.postMessage({ id, error });
  }
});
