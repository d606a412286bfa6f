import { downloadBase64, fileToBase64 } from '../../../api';

/** Saves a JSON value as a file download. */
export async function downloadJson(value: unknown, filename: string): Promise<void> {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  downloadBase64(await fileToBase64(blob), filename, 'application/json');
}

/** Saves text (PEM, CSV) as a file download. */
export async function downloadText(text: string, filename: string, type: string): Promise<void> {
  downloadBase64(await fileToBase64(new Blob([text], { type })), filename, type);
}
