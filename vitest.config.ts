import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * The pure core: the glossary (schema, validation, import, matcher, senses), settings and site
 * rules. Plain Vitest, without WXT's plugin or its fake browser, so a core module that reached for
 * a browser API (or the i18n one) would fail here.
 */
const CORE_TESTS = [
  'tests/unit/glossary/**/*.test.ts',
  'tests/unit/common/{settings,site-rules}.test.ts',
  'tests/unit/core-imports.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }] },
        test: {
          name: 'core',
          include: CORE_TESTS,
          environment: 'node',
          setupFiles: ['tests/unit/core-setup.ts'],
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          exclude: CORE_TESTS,
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
        },
      },
      {
        // Real browsers on the built extension: one browser launch per file, files one at a time.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
