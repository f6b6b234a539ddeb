// Lint is where the architecture is enforced (DESIGN.md "Folders", STYLE.md "The folder boundary").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const UI_PACKAGES = ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*', 'monaco-editor',
  'monaco-editor/*', 'monaco-yaml', 'monaco-yaml/*', '@xyflow/react', '@xyflow/*'];

// The engine is pure: no wall clock, randomness, timers, console or browser globals.
const IMPURE_GLOBALS = ['Date', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval',
  'queueMicrotask', 'requestAnimationFrame', 'console', 'window', 'document', 'self', 'globalThis', 'navigator',
  'localStorage', 'sessionStorage', 'fetch', 'performance', 'process', 'location', 'XMLHttpRequest', 'Worker',
  'postMessage'].map((name) => ({ name, message: 'engine/ is pure and deterministic (STYLE.md): use the virtual clock, the seeded PRNG and diagnostics.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.scratch/**', 'test-results/**', 'playwright-report/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/cli.ts', 'engine/worker.ts', 'engine/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-globals': ['error', ...IMPURE_GLOBALS],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded PRNG passed in.' }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: UI_PACKAGES.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'engine/ must not import UI code (types included).' })),
        patterns: [
          { group: UI_PACKAGES, message: 'engine/ must not import UI code (types included).' },
          { group: ['**/app', '**/app/**'], message: 'engine/ must not import from app/.' },
        ],
      }],
    },
  },
  {
    files: ['app/**/*.ts', 'app/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/engine/**', '!**/engine/index', '!**/engine/index.ts', '!**/engine/worker', '!**/engine/worker.ts', '!**/engine/worker?worker', '!**/engine/worker.ts?worker'],
          message: 'app/ imports the engine only through engine/index.ts (and the worker entry).',
        }],
      }],
    },
  },
);
