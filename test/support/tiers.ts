/**
 * Test tiers. `npm test` (and CI) runs every test. `npm run test:unit` (scripts/test-unit.js,
 * RELAXLAB_TEST_TIER=unit) is the edit loop's tier: no browser, no notebooks, no long
 * statistics. Whole files are left out there by jest.config.js (the browser and notebook tests,
 * and the check of the built labextension); single tests inside other files are declared with
 * these instead of `test`, and are reported as skipped in that tier.
 */
const unitTier = process.env.RELAXLAB_TEST_TIER === 'unit';

/** A test over hundreds of seeded draws or refits (coverage, calibration, z-scores): the statistics behind an uncertainty. */
export const statisticsTest: typeof test = unitTier ? test.skip : test;

/** A test that drives a browser. */
export const browserTest: typeof test = unitTier ? test.skip : test;
