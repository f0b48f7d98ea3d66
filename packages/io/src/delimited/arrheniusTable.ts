/**
 * A table as Arrhenius data, read one way for `relaxlab arrhenius`, the notebook kernel
 * (readArrheniusData, readConductivity) and the JupyterLab file viewer:
 *
 * - temperature: the column named by `temperature`, else the first in K or °C;
 * - value: the column named by `value`, else the first other column that is not an uncertainty
 *   (only among `units` when given); a lone "sigma (S/cm)" beside T is the conductivity itself;
 * - sigma: the column named by `sigma`, else the first uncertainty column besides those two
 *   (isUncertaintyColumn), in the value's unit or unitless (columnUncertainties);
 * - quantity: the option, else a "# quantity:" line, else from the unit (1/s rate, s τ, S K/cm and
 *   S/cm σT, m²/s D), else from the name (R1…, tau…, sigma_T, D_…);
 * - a relaxation time (T1, T1rho, T2 in s, no quantity given) becomes its rate R = 1/T with
 *   σ_R = σ_T/T²: rate peaks and their flanks are rates, 'tau' is for correlation times; a
 *   conductivity in S/cm becomes σT = σ·T (σ_σT = σ_σ·T), the Arrhenius quantity of hopping
 *   conduction (core transport/conductivity.ts).
 *
 * Pure: a parsed Table in, data out (no file system), so the browser can call it too.
 */
import { InputError, isInputError, rateSeriesLabel } from '@relaxlab/core';
import type { ArrheniusData, ArrheniusQuantity } from '@relaxlab/core';
import { findColumn, isUncertaintyColumn } from './columns';
import type { Column, Table } from './parse';
import { columnUncertainties, tableMetadata, tableToRateSeries } from './series';

const QUANTITIES: readonly ArrheniusQuantity[] = ['rate', 'sigmaT', 'tau', 'diffusion'];
const RELAXATION_TIME = /^(t1|t1rho|t1ρ|t1_rho|t2)$/i;

export interface ArrheniusTableOptions {
  /** Temperature column (name, header or alias). */
  temperature?: string;
  /** Value column. */
  value?: string;
  /** Uncertainty column. */
  sigma?: string;
  /** What the value column holds: rate, sigmaT, tau or diffusion (case-insensitive). */
  quantity?: string;
  /** Only columns in these internal units can be the value column (e.g. ['S/cm', 'S K/cm']). */
  units?: readonly string[];
  /** How errors name the options above (a CLI passes its flags: { quantity: '--quantity', ... }); default their own names. */
  optionNames?: Partial<Record<'temperature' | 'value' | 'sigma' | 'quantity', string>>;
}

export interface ArrheniusTableData {
  data: ArrheniusData & { temperature_K: number[]; value: number[]; sigma?: number[]; quantity: ArrheniusQuantity };
  /** The columns read; `sigma` holds σ of the value column in its internal unit. */
  columns: { temperature: Column; value: Column; sigma?: Column };
  valueSigma?: number[];
  /** What the series is called: a rate table's rateSeriesLabel ("R1 7Li 116.6 MHz") when its metadata says what it is, else the value column's name. */
  label: string;
  /** What was converted: 'rate-from-time' (R = 1/T), 'sigmaT-from-sigma' (σ·T), or 'none'. */
  conversion: 'none' | 'rate-from-time' | 'sigmaT-from-sigma';
  /** One line saying what was read: "li.csv: sigma (S/cm) as sigmaT (sigma in S/cm multiplied by T) vs T (K)". */
  describe: string;
}

const columnList = (table: Table) => table.columns.map((c) => JSON.stringify(c.header)).join(', ');

function quantityOf(y: Column, given: string | undefined, table: Table, option: string): ArrheniusQuantity {
  if (given !== undefined) {
    const q = QUANTITIES.find((name) => name.toLowerCase() === given.trim().toLowerCase());
    if (!q)
      throw new InputError('unknown quantity', {
        source: table.source,
        field: option,
        expected: QUANTITIES.join(', '),
        found: JSON.stringify(given),
      });
    return q;
  }
  if (y.siUnit === 'S K/cm' || y.siUnit === 'S/cm') return 'sigmaT';
  if (y.siUnit === 'm^2/s') return 'diffusion';
  if (y.siUnit === '1/s') return 'rate';
  if (y.siUnit === 's') return 'tau';
  const name = y.name.trim();
  if (/^(r1|r1rho|r1ρ|r2|rate|k|jump)/i.test(name)) return 'rate';
  if (/^(tau|τ)/i.test(name)) return 'tau';
  if (/^(sigma_?t|σ_?t)$/i.test(name)) return 'sigmaT';
  if (/^d(_|$)/i.test(name)) return 'diffusion';
  throw new InputError('cannot tell what the y column holds', {
    source: table.source,
    field: y.header,
    expected: `${option} (${QUANTITIES.join('|')}), a "# quantity:" line, or a unit in the header such as (1/s), (s), (S K/cm)`,
  });
}

/** A rate table's series label, when its `# experiment`, `# nucleus`, `# larmor_MHz` (and `# spinlock_kHz`) lines say what it is. */
function rateLabel(table: Table): string | undefined {
  try {
    return rateSeriesLabel(tableToRateSeries(table));
  } catch (e) {
    if (isInputError(e)) return undefined;
    throw e;
  }
}

export function tableToArrheniusData(table: Table, options: ArrheniusTableOptions = {}): ArrheniusTableData {
  const option = (name: 'temperature' | 'value' | 'sigma' | 'quantity') => options.optionNames?.[name] ?? name;
  const t = options.temperature !== undefined ? findColumn(table, options.temperature) : table.columns.find((c) => c.siUnit === 'K');
  if (!t || t.siUnit !== 'K') {
    throw new InputError(t ? 'temperature column has no temperature unit' : 'no temperature column', {
      source: table.source,
      field: t ? t.header : 'T',
      expected: `a column with a unit of temperature, e.g. "T (K)" or "T (°C)" (choose one with ${option('temperature')})`,
      found: `columns ${columnList(table)}`,
    });
  }
  const others = table.columns.filter((c) => c !== t && (!options.units || options.units.includes(c.siUnit)));
  const y = options.value !== undefined ? findColumn(table, options.value) : (others.find((c) => !isUncertaintyColumn(c)) ?? others[0]);
  const sigma = options.sigma !== undefined ? findColumn(table, options.sigma) : others.find((c) => c !== y && isUncertaintyColumn(c));
  if (!y || y === t || y === sigma) {
    throw new InputError(options.units ? `no column in ${options.units.join(' or ')}` : 'no value column', {
      source: table.source,
      field: options.value ?? 'value',
      expected: `a column of rates, τ, σT, σ or D besides the temperature and its uncertainty (choose with ${option('value')})`,
      found: `columns ${columnList(table)}`,
    });
  }
  const valueSigma = sigma ? columnUncertainties(table, sigma, y) : undefined;
  const given = options.quantity ?? tableMetadata(table, 'quantity');
  let quantity = quantityOf(y, given, table, option('quantity'));
  let value = y.si;
  let err = valueSigma;
  let conversion: ArrheniusTableData['conversion'] = 'none';
  let note = '';
  if (y.siUnit === 's' && RELAXATION_TIME.test(y.name.trim()) && given === undefined) {
    err = err?.map((e, i) => e / (value[i] * value[i]));
    value = value.map((v) => 1 / v);
    quantity = 'rate';
    conversion = 'rate-from-time';
    note = ' (relaxation time converted to its rate 1/T)';
  } else if (y.siUnit === 'S/cm' && quantity === 'sigmaT') {
    value = value.map((v, i) => v * t.si[i]);
    err = err?.map((v, i) => v * t.si[i]);
    conversion = 'sigmaT-from-sigma';
    note = ' (sigma in S/cm multiplied by T)';
  }
  return {
    data: { temperature_K: [...t.si], value: [...value], ...(err && { sigma: [...err] }), quantity },
    columns: { temperature: t, value: y, ...(sigma && { sigma }) },
    ...(valueSigma && { valueSigma }),
    label: (quantity === 'rate' && rateLabel(table)) || y.name,
    conversion,
    describe: `${table.source}: ${y.header} as ${quantity}${note} vs ${t.header}${sigma ? `, uncertainties ${sigma.header}` : ''}`,
  };
}
