/** Jest runs the TypeScript sources directly (ts-jest, transpile only, in test/support/transform.js; `tsc -b` type-checks). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // npm run test:unit (RELAXLAB_TEST_TIER=unit, see test/support/tiers.ts) leaves out the browser
  // and notebook tests and the check of the built labextension (npm run build makes it)
  testPathIgnorePatterns:
    process.env.RELAXLAB_TEST_TIER === 'unit'
      ? ['/node_modules/', '<rootDir>/test/browser', '<rootDir>/test/notebooks', '<rootDir>/packages/jupyterlab/test/labextension']
      : ['/node_modules/'],
  transform: {
    '^.+\\.ts$': [
      '<rootDir>/test/support/transform.js',
      { isolatedModules: true, tsconfig: { module: 'commonjs', target: 'ES2020', esModuleInterop: true } },
    ],
  },
  moduleNameMapper: {
    '^@relaxlab/([a-z-]+)$': '<rootDir>/packages/$1/src',
    // subpath entries of a package's exports map (@relaxlab/io/browser → packages/io/src/browser)
    '^@relaxlab/([a-z-]+)/([a-z-]+)$': '<rootDir>/packages/$1/src/$2',
  },
  // packages/<name>/dist only: the pattern is a regex, and '.*/dist' also hid test files named distributions*
  modulePathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/'],
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
