/** The cross-face tests' comparison: the same numbers (to 1e-12 relative), strings and shapes. */

const RELATIVE = 1e-12;

/** Every number of `actual` within RELATIVE of `expected`, every string and shape equal. */
export function expectSame(actual: unknown, expected: unknown, at = 'result'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > RELATIVE * Math.max(Math.abs(actual), Math.abs(expected))) {
      throw new Error(`${at}: ${actual} differs from ${expected} by ${Math.abs(actual / expected - 1)} relative`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    expect({ at, length: (actual as unknown[]).length }).toEqual({ at, length: expected.length });
    expected.forEach((e, i) => expectSame((actual as unknown[])[i], e, `${at}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect({ at, keys: Object.keys(actual as object).sort() }).toEqual({ at, keys: Object.keys(expected).sort() });
    for (const [k, e] of Object.entries(expected)) expectSame((actual as Record<string, unknown>)[k], e, `${at}.${k}`);
    return;
  }
  expect({ at, value: actual }).toEqual({ at, value: expected });
}
