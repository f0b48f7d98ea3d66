/** A magnetization transient (delay, signal, sigma?) from a parsed table. */
import { InputError } from '@relaxlab/core';
import { makeTransient, transientMetadataFrom } from '../transient';
import type { Transient } from '../types';
import { findColumn, matchColumn } from './columns';
import type { Column, Table } from './parse';

export interface TransientColumns {
  /** Delay column (name or header); default: a delay-like column (delay, tau, t, time, vd). */
  x?: string;
  /** Signal column; default: a signal-like column (signal, intensity, integral, ...), else the column after x. */
  y?: string;
  /** Uncertainty column; default: one named sigma/err/error/stderr/sd if present. */
  sigma?: string;
}

function delayColumn(table: Table, x: string | undefined): Column {
  // A header-less file has no names to go by; the first column is the delay by convention.
  if (x === undefined && !table.hasHeader) return table.columns[0];
  const column = findColumn(table, x ?? 'delay');
  if (column.siUnit !== 's' && column.unit !== undefined) {
    throw new InputError('delay column must be a time', {
      source: table.source,
      field: column.header,
      expected: 'a time unit such as us, ms or s (no unit means seconds)',
      found: JSON.stringify(column.unit),
    });
  }
  return column;
}

function signalColumn(table: Table, y: string | undefined, delay: Column): Column {
  if (y !== undefined) return findColumn(table, y);
  const named = table.hasHeader ? matchColumn(table, 'signal') : undefined;
  if (named) return named;
  const next = table.columns[table.columns.indexOf(delay) + 1];
  if (!next) {
    throw new InputError('no signal column', {
      source: table.source,
      field: 'signal',
      expected: `a column after "${delay.header}" or one named signal/intensity/integral`,
      found: `only ${table.columns.map((c) => JSON.stringify(c.header)).join(', ')}`,
    });
  }
  return next;
}

/**
 * Delay (converted to seconds; a delay column without a unit is taken as seconds, as in a TopSpin
 * vdlist), signal and optional sigma, with experiment, nucleus, larmor_MHz, spinlock_kHz and
 * temperature_K from the table's `# key: value` metadata.
 */
export function tableToTransient(table: Table, options: TransientColumns = {}): Transient {
  const delay = delayColumn(table, options.x);
  const signal = signalColumn(table, options.y, delay);
  if (signal === delay) {
    throw new InputError('delay and signal are the same column', {
      source: table.source,
      field: signal.header,
      expected: 'two different columns',
    });
  }
  const sigma = options.sigma !== undefined ? findColumn(table, options.sigma) : table.hasHeader ? matchColumn(table, 'sigma') : undefined;
  return makeTransient({
    ...transientMetadataFrom(table.metadata, { source: table.source }),
    delay_s: delay.si,
    signal: signal.si,
    sigma: sigma?.si,
    source: {
      file: table.source,
      ...(table.sha256 !== undefined && { sha256: table.sha256 }),
      format: 'delimited',
      columns: { delay: delay.header, signal: signal.header, ...(sigma && { sigma: sigma.header }) },
    },
  });
}
