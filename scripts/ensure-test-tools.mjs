#!/usr/bin/env node
// Runs before `npm test`: the suite calls external verifiers (openssl, pdfsig, qpdf, mutool,
// certutil), reads Debian's Noto CJK fonts and drives Debian's Chromium (console browser tests). On a fresh Debian/Ubuntu machine where we are root,
// install what is missing; otherwise say exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDS = [
  { check: () => has('openssl'), pkg: 'openssl' },
  { check: () => has('pdfsig') && has('pdftoppm') && has('pdftotext'), pkg: 'poppler-utils' },
  { check: () => has('mutool'), pkg: 'mupdf-tools' },
  { check: () => has('qpdf'), pkg: 'qpdf' },
  { check: () => has('certutil'), pkg: 'libnss3-tools' },
  { check: () => existsSync('/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc'), pkg: 'fonts-noto-cjk' },
  { check: () => existsSync('/usr/bin/chromium'), pkg: 'chromium' },
];

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const missing = NEEDS.filter((n) => !n.check()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
if (root && has('apt-get')) {
  console.log(`installing test tools: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  process.exit(0);
}
console.error(`The tests need these Debian packages: ${missing.join(' ')}`);
console.error(`Install them with: sudo apt-get install -y ${missing.join(' ')}`);
process.exit(1);
