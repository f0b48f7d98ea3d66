/**
 * Unit strings as they appear in column headers and metadata, converted to RelaxLab's internal
 * units: seconds, kelvin, 1/s, Hz, S/cm (conductivity stays in S/cm, the unit the project reports
 * in, see docs/ARCHITECTURE.md), S K/cm for σT (the Arrhenius quantity of hopping conductivity), m²/s for
 * diffusion coefficients, and dimensionless.
 */
import { InputError } from '@relaxlab/core';

export type Quantity =
  'time' | 'temperature' | 'rate' | 'frequency' | 'conductivity' | 'conductivityTemperature' | 'diffusion' | 'dimensionless';

export interface UnitSpec {
  /** The unit as written ('' when there was none). */
  unit: string;
  /** The internal unit `toSI` converts to: 's', 'K', '1/s', 'Hz', 'S/cm', 'S K/cm', 'm^2/s' or '' (dimensionless). */
  siUnit: string;
  quantity: Quantity;
  toSI(v: number): number;
}

export interface ParseUnitOptions {
  /** The column or key the unit belongs to; named in errors. */
  field: string;
  /** File or argument the unit came from; named in errors. */
  source?: string;
  /**
   * What the column probably holds (from its name). Only used to settle ambiguous spellings:
   * 'C' is degrees Celsius only for a temperature, 'Hz' is a rate (1/s) only for a rate.
   */
  hint?: Quantity;
}

type Conversion = Omit<UnitSpec, 'unit'>;

/**
 * Scale by a factor; powers of ten are applied to the decimal representation, so that 0.03 ms
 * becomes exactly the double a reader of "0.00003" gets (0.03 / 1000 is 2.9999999999999997e-5).
 */
function scaleBy(factor: number): (v: number) => number {
  const exponent = Math.round(Math.log10(factor));
  if (10 ** exponent !== factor && 10 ** -exponent !== 1 / factor) return (v) => v * factor;
  return (v) => {
    if (!Number.isFinite(v)) return v * factor;
    const [mantissa, e = '0'] = String(v).split('e');
    return Number(`${mantissa}e${Number(e) + exponent}`);
  };
}

const SECONDS_PER: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  sec: 1,
  min: 60,
  h: 3600,
};

const HZ_PER: Record<string, number> = { Hz: 1, kHz: 1e3, MHz: 1e6 };

const S_PER_CM_PER: Record<string, [num: string, den: string, factor: number]> = {
  'S/cm': ['S', 'cm', 1],
  'S/m': ['S', 'm', 1e-2],
  'mS/cm': ['mS', 'cm', 1e-3],
};

/** σT: conductivity times temperature, in S K/cm. */
const S_K_PER_CM_PER: Record<string, number> = {
  'S K/cm': 1,
  'S·K/cm': 1,
  'K S/cm': 1,
  'S K cm^-1': 1,
  'S K cm-1': 1,
  'S K cm⁻¹': 1,
  'S K/m': 1e-2,
  'mS K/cm': 1e-3,
};

/** Diffusion coefficients, in m²/s. */
const M2_PER_S_PER: Record<string, number> = {
  'm^2/s': 1,
  'm2/s': 1,
  'm²/s': 1,
  'm^2 s^-1': 1,
  'cm^2/s': 1e-4,
  'cm2/s': 1e-4,
  'cm²/s': 1e-4,
  'cm^2 s^-1': 1e-4,
};

const CELSIUS = ['°C', '℃', 'degC', 'deg C'];
const DIMENSIONLESS = new Set(['', 'au', 'arb', 'arbu', 'arbunits', 'arbitraryunits']);

function buildTable(): Map<string, Conversion> {
  const table = new Map<string, Conversion>();
  for (const [u, seconds] of Object.entries(SECONDS_PER)) {
    table.set(u, { siUnit: 's', quantity: 'time', toSI: scaleBy(seconds) });
    const rate: Conversion = { siUnit: '1/s', quantity: 'rate', toSI: scaleBy(1 / seconds) };
    for (const spelling of [`1/${u}`, `/${u}`, `${u}^-1`, `${u}-1`, `${u}⁻¹`]) table.set(spelling, rate);
  }
  for (const [u, hz] of Object.entries(HZ_PER)) {
    table.set(u, { siUnit: 'Hz', quantity: 'frequency', toSI: scaleBy(hz) });
  }
  table.set('K', { siUnit: 'K', quantity: 'temperature', toSI: (v) => v });
  for (const u of CELSIUS) table.set(u, { siUnit: 'K', quantity: 'temperature', toSI: (v) => v + 273.15 });
  for (const [u, [num, den, factor]] of Object.entries(S_PER_CM_PER)) {
    const conversion: Conversion = { siUnit: 'S/cm', quantity: 'conductivity', toSI: scaleBy(factor) };
    for (const spelling of [u, `${num} ${den}^-1`, `${num} ${den}-1`, `${num} ${den}⁻¹`]) table.set(spelling, conversion);
  }
  for (const [u, factor] of Object.entries(S_K_PER_CM_PER)) {
    table.set(u, { siUnit: 'S K/cm', quantity: 'conductivityTemperature', toSI: scaleBy(factor) });
  }
  for (const [u, factor] of Object.entries(M2_PER_S_PER)) {
    table.set(u, { siUnit: 'm^2/s', quantity: 'diffusion', toSI: scaleBy(factor) });
  }
  return table;
}

const UNITS = buildTable();

function isDimensionless(unit: string): boolean {
  return DIMENSIONLESS.has(unit.toLowerCase().replace(/[\s.]/g, ''));
}

/** Parse a unit string (`ms`, `°C`, `1/s`, `MHz`, `S/cm`, `a.u.`, or none) into a converter to internal units. */
export function parseUnit(unit: string | undefined, options: ParseUnitOptions): UnitSpec {
  const written = (unit ?? '').trim().replace(/\s+/g, ' ');
  if (isDimensionless(written)) {
    return { unit: written, siUnit: '', quantity: 'dimensionless', toSI: (v) => v };
  }
  if (written === 'C' && options.hint === 'temperature') {
    return { unit: written, siUnit: 'K', quantity: 'temperature', toSI: (v) => v + 273.15 };
  }
  if (written === 'Hz' && options.hint === 'rate') {
    return { unit: written, siUnit: '1/s', quantity: 'rate', toSI: (v) => v };
  }
  const conversion = UNITS.get(written);
  if (!conversion) {
    throw new InputError('unknown unit', {
      field: options.field,
      source: options.source,
      expected:
        'a unit of time (ns, us, ms, s, min, h), temperature (K, °C), rate (1/s, 1/ms), ' +
        'frequency (Hz, kHz, MHz), conductivity (S/cm, S/m, mS/cm), sigma*T (S K/cm), ' +
        'diffusion (m^2/s, cm^2/s) or none (a.u.)',
      found: JSON.stringify(written),
    });
  }
  return { unit: written, ...conversion };
}
