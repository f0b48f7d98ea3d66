/** Jest runs the TypeScript sources directly (ts-jest, transpile only, in test/support/transform.js; `tsc -b` type-checks). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // npm run test:unit (RELAXLAB_TEST_TIER=unit, see test/support/tiers.ts) leaves out the browser
  // and notebook tests, the check of the built labextension (npm run build makes it) and the packaging tests
  testPathIgnorePatterns:
    process.env.RELAXLAB_TEST_TIER === 'unit'
      ? [
          '/node_modules/',
          '<rootDir>/test/browser',
          '<rootDir>/test/notebooks',
          '<rootDir>/packages/jupyterlab/test/labextension',
          // npm pack + npm install into a scratch project, and the wheel in a virtual environment
          '<rootDir>/test/packaging',
          '<rootDir>/test/wheel',
        ]
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
  // and the built labextension, whose package.json repeats the extension's name (a haste-map collision)
  modulePathIgnorePatterns: ['<rootDir>/packages/[^/]+/dist/', '<rootDir>/packages/jupyterlab/relaxlab_jupyterlab/labextension/'],
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
