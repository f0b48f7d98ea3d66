/**
 * Issue 17's numerical property, checked with fast-check over seeded random transients: any
 * finite transient gives a finite result, a typed error, or converged: false with a reason —
 * never NaN or Infinity in a result that says it converged, and a null standard error only with
 * a warning that says why.
 */
import fc from 'fast-check';
import { fitTransient, InputError, TRANSIENT_MODEL_NAMES, TransientModelName } from '../src';

/** Finite doubles of any magnitude, with the awkward ones (0, −0, subnormals, ±1.8e308) among them. */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Delays as a spectrometer writes them (1 ns … 1e4 s) or any positive double; one transient in five anything finite. */
const positiveDelay = fc.oneof(
  { arbitrary: fc.double({ min: 1e-9, max: 1e4, noNaN: true }), weight: 20 },
  { arbitrary: fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), weight: 1 },
);
/** Signals of a realistic scale; one transient in five anything finite. */
const realisticSignal = fc.double({ min: -1e6, max: 1e6, noNaN: true });

const transient = fc.integer({ min: 0, max: 24 }).chain((n) => {
  const array = (a: fc.Arbitrary<number>) => fc.array(a, { minLength: n, maxLength: n });
  return fc.record({
    delay_s: fc.oneof({ arbitrary: array(positiveDelay), weight: 4 }, { arbitrary: array(finite), weight: 1 }),
    signal: fc.oneof({ arbitrary: array(realisticSignal), weight: 4 }, { arbitrary: array(finite), weight: 1 }),
    model: fc.constantFrom<TransientModelName>(...TRANSIENT_MODEL_NAMES),
  });
});

test('any finite transient: a finite converged result, converged false with a reason, or an InputError', () => {
  fc.assert(
    fc.property(transient, ({ delay_s, signal, model }) => {
      let fit;
      try {
        fit = fitTransient({ delay_s, signal }, { model, source: 'property' });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return;
      }
      if (!fit.converged) {
        expect(fit.message.length).toBeGreaterThan(0);
        return;
      }
      for (const [name, v] of Object.entries(fit.stats)) if (v !== null) expect([name, Number.isFinite(v)]).toEqual([name, true]);
      for (const p of Object.values(fit.params)) {
        expect(Number.isFinite(p.value)).toBe(true);
        if (p.stderr === null) {
          if (p.vary) expect(fit.warnings.length).toBeGreaterThan(0);
        } else expect(Number.isFinite(p.stderr)).toBe(true);
      }
    }),
    { seed: 17, numRuns: 1000 },
  );
});
