import { ofdError } from './errors.js';

/**
 * Package paths. Inside the package every path is kept without a leading slash ("Doc_0/Document.xml").
 * A location with a leading "/" is absolute from the package root; any other is relative to the
 * directory of the XML part that names it (GB/T 33190 §7.5; STANDARDS.md §13.2). A location that
 * leaves the package is refused, never clamped.
 */
export function resolveOfdPath(fromPart: string, location: string): string {
  const loc = location.trim().replace(/\\/g, '/');
  if (loc === '' || loc.includes('\0') || /^[A-Za-z]:/.test(loc) || /^[a-z][a-z0-9+.-]*:\/\//i.test(loc)) {
    throw ofdError('OFD_PATH_TRAVERSAL', `unusable location "${location}"`, { location, from: fromPart });
  }
  const base = loc.startsWith('/') ? [] : directoryOf(fromPart).split('/').filter(Boolean);
  const out = [...base];
  for (const segment of loc.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) {
        throw ofdError('OFD_PATH_TRAVERSAL', `location "${location}" leaves the package`, {
          location,
          from: fromPart,
        });
      }
      out.pop();
    } else {
      out.push(segment);
    }
  }
  if (out.length === 0)
    throw ofdError('OFD_PATH_TRAVERSAL', `location "${location}" names no file`, { location });
  return out.join('/');
}

/** "Doc_0/Signs/Signatures.xml" → "Doc_0/Signs/" ("" for a root part). */
export function directoryOf(part: string): string {
  const clean = part.replace(/^\/+/, '');
  const slash = clean.lastIndexOf('/');
  return slash < 0 ? '' : clean.slice(0, slash + 1);
}

/** The absolute form written into OFD files: "/Doc_0/Signs/Sign_0/Signature.xml". */
export const absoluteOfdPath = (part: string): string => `/${part.replace(/^\/+/, '')}`;
