import { useEffect, useRef, useState } from 'react';
import { api, ApiError, errorMessage, SESSION_ENDED } from '../../../api';
import { useErrorReporter } from '../../../hooks';
import type { DataItem } from '../model';
import type { FaceTemplate } from './face-model';

/** Quiet time after the last change before the server is asked again. */
export const FEEDBACK_DEBOUNCE_MS = 400;

export interface PreviewState {
  /** data: URL of the PNG, the last one that rendered. */
  readonly src: string | null;
  /** Why the current design does not render (the server's message), or why it was not asked. */
  readonly error: string | null;
  readonly loading: boolean;
}

export interface DesignerFeedback {
  /** Characters no face font draws, by text (only texts that lack some). */
  readonly missing: ReadonlyMap<string, readonly string[]>;
  readonly preview: PreviewState;
}

interface Input {
  readonly typeId: string;
  readonly template: FaceTemplate;
  readonly sampleData: Record<string, unknown>;
  readonly dataItems: readonly DataItem[];
  /** 'draft': render the unsaved design; 'saved': the stored one (users who may not design). */
  readonly mode: 'draft' | 'saved';
  /** Said when glyphs are missing, so the preview waits for a fix. */
  readonly missingGlyphsText: string;
}

/** Every text the face prints: the fixed texts and the sample values. */
export function textsOf(template: FaceTemplate, sampleData: Record<string, unknown>): string[] {
  return [
    ...template.fixedTexts.map((f) => f.text),
    ...Object.values(sampleData).filter((v): v is string => typeof v === 'string' && v !== ''),
  ].map((text) => text.slice(0, 2000));
}

/**
 * The designer's feedback as the user types and drags: after a short pause, the glyph coverage of
 * every text, then (when every glyph is there) the face rendered by the server. Answers to older
 * changes are dropped.
 */
export function useDesignerFeedback(input: Input): DesignerFeedback {
  const report = useErrorReporter();
  const [missing, setMissing] = useState<ReadonlyMap<string, readonly string[]>>(new Map());
  const [preview, setPreview] = useState<PreviewState>({ src: null, error: null, loading: true });
  const latest = useRef(0);
  const inputRef = useRef(input);
  inputRef.current = input;
  const key = JSON.stringify([input.typeId, input.template, input.sampleData, input.dataItems, input.mode]);

  useEffect(() => {
    const ticket = ++latest.current;
    const current = () => ticket === latest.current;
    setPreview((p) => ({ ...p, loading: true }));
    const timer = setTimeout(() => {
      const { typeId, template, sampleData, dataItems, mode, missingGlyphsText } = inputRef.current;
      const texts = textsOf(template, sampleData);
      void (async () => {
        try {
          const { results } = await api.checkFaceGlyphs({ body: { texts } });
          if (!current()) return;
          const lacking = new Map<string, string[]>();
          results.forEach((r, i) => r.missing.length && lacking.set(texts[i]!, r.missing));
          setMissing(lacking);
          if (lacking.size > 0) {
            setPreview((p) => ({ ...p, loading: false, error: missingGlyphsText }));
            return;
          }
          const answer =
            mode === 'draft'
              ? await api.previewLicenseTypeDraft({
                  params: { id: typeId },
                  body: { faceTemplate: { ...template }, sampleData, dataItems: [...dataItems] },
                })
              : await api.previewLicenseType({ params: { id: typeId }, query: { format: 'png' } });
          if (current())
            setPreview({
              src: `data:${answer.contentType};base64,${answer.base64}`,
              error: null,
              loading: false,
            });
        } catch (e) {
          if (!current()) return;
          if (!(e instanceof ApiError) || SESSION_ENDED.has(e.code)) report(e);
          setPreview((p) => ({ ...p, loading: false, error: errorMessage(e) }));
        }
      })();
    }, FEEDBACK_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, report]);

  return { missing, preview };
}
