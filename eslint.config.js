import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The only module allowed to call node:crypto signing primitives on SM2 keys (TECH-NOTES: the
// node:crypto SM2 traps). ECDSA / RSA code lives in files listed in CRYPTO_SIGNING_FILES.
const SM2_WRAPPER = 'packages/gm/src/sm2/native.ts';
const CRYPTO_SIGNING_FILES = [SM2_WRAPPER, 'packages/gm/src/algorithms/*.ts'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: ['node:crypto', 'crypto'].map((name) => ({
            name,
            importNames: ['sign', 'verify', 'createSign', 'createVerify'],
            message: `Signing primitives only in ${SM2_WRAPPER} or packages/gm/src/algorithms.`,
          })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.name=/^(createSign|createVerify)$/], CallExpression[callee.property.name=/^(createSign|createVerify)$/]',
          message: `node:crypto createSign/createVerify only in ${SM2_WRAPPER} or packages/gm/src/algorithms (SM2 must go through the wrapper).`,
        },
        {
          selector: "CallExpression[callee.object.name='crypto'][callee.property.name=/^(sign|verify)$/]",
          message: `crypto.sign/verify only in ${SM2_WRAPPER} or packages/gm/src/algorithms (SM2 must go through the wrapper).`,
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['apps/console/src/**/*.tsx', 'apps/console/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: CRYPTO_SIGNING_FILES, rules: { 'no-restricted-syntax': 'off', 'no-restricted-imports': 'off' } },
);
