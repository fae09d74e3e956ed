import { defineConfig } from 'vitest/config';

// Tests run on the TypeScript sources: the `@stride/source` export condition points each
// package's entry at src/ instead of dist/.
export default defineConfig({
  resolve: { conditions: ['@stride/source', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@stride/source', 'import', 'default'] } },
  test: {
    // .ci/run asks for a JSON report next to the usual output, to count passed and failed tests.
    reporters: process.env.STRIDE_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.STRIDE_TEST_REPORT ? { json: process.env.STRIDE_TEST_REPORT } : {},
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
