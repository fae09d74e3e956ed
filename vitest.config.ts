import { defineConfig } from 'vitest/config';

// Tests run on the TypeScript sources: the `@stride/source` export condition points each
// package's entry at src/ instead of dist/.
const conditions = ['@stride/source', 'import', 'default'];
const resolve = { conditions };
const ssr = { resolve: { conditions } };
// A hook may install a server package the first time (test/pg/support/server.ts): minutes, not seconds.
const limits = { testTimeout: 60_000, hookTimeout: 600_000 };

export default defineConfig({
  resolve,
  ssr,
  test: {
    // .ci/run asks for a JSON report next to the usual output, to count passed and failed tests.
    reporters: process.env.STRIDE_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.STRIDE_TEST_REPORT ? { json: process.env.STRIDE_TEST_REPORT } : {},
    projects: [
      {
        resolve,
        ssr,
        test: {
          name: 'all',
          include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          typecheck: {
            enabled: true,
            include: ['packages/*/test/**/*.test-d.ts', 'test/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
          ...limits,
        },
      },
      {
        // Every codec test again with code generation off: the interpreter must give the same
        // results and errors as the compiled path.
        resolve,
        ssr,
        test: {
          name: 'codec-interpreted',
          include: ['packages/codec/test/**/*.test.ts', 'test/codec/**/*.test.ts'],
          setupFiles: ['packages/codec/test/setup/interpreted.ts'],
          ...limits,
        },
      },
    ],
  },
});
