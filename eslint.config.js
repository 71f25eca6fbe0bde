// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The layering of DESIGN.md, enforced: a rule that only lives in prose decays.
 * - src-shared imports nothing outside itself (no node:, no electron, no React).
 * - Only src-main/electron imports 'electron'.
 * - The renderer imports src-shared only, and only src-renderer/api touches window.docuvault.
 */
const electronOnlyInShell = {
  name: 'electron',
  message: "Only src-main/electron may import 'electron'; reach Electron through a port in src-main/core/ports.ts.",
};

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'stream', 'stream/*', 'child_process', 'http', 'https', 'net', 'url', 'util', 'events'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'coverage/', 'test-results/', 'bench/.work/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, { name: 'react', message: 'src-shared is platform-neutral.' }],
          patterns: [
            { group: nodeBuiltins, message: 'src-shared is platform-neutral: no Node modules.' },
            { group: ['**/src-main/**', '**/src-renderer/**', '../*'], message: 'src-shared imports nothing outside itself.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [{ group: ['**/src-renderer/**'], message: 'Main never imports renderer code.' }],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src-renderer/**'], message: 'Main never imports renderer code.' }] },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node modules.' },
            { group: ['**/src-main/**'], message: 'The renderer talks to main only through src-renderer/api.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='docuvault'][object.name='window']",
          message: 'Only src-renderer/api touches window.docuvault; use its typed hooks.',
        },
      ],
    },
  },
  {
    // Browser-context code inside src-main: the Electron preload and the preview's bridge script.
    files: ['src-main/electron/preload/**', 'src-main/preview/bridge/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src-renderer/api/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
