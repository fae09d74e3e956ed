import { defineConfig } from 'vitest/config';

// Tests run on the TypeScript sources: the `@stride/source` export condition points each
// package's entry at src/ instead of dist/.
export default defineConfig({
  resolve: { conditions: ['@stride/source', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@stride/source', 'import', 'default'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
