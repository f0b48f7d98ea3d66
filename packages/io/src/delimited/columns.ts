/** Finding a column by name, header or a common synonym. */
import { InputError } from '@relaxlab/core';
import type { Column, Table } from './parse';

interface AliasGroup {
  names: readonly string[];
  /** Internal units a column must have to match by alias; keeps `T (K)` from being taken as a time `t`. */
  siUnits?: readonly string[];
}

/** Lower-case synonyms; asking for any name in a group finds a column named by any other. */
export const COLUMN_ALIASES: Readonly<Record<'delay' | 'signal' | 'sigma', AliasGroup>> = {
  delay: { names: ['delay', 'tau', 'τ', 't', 'time', 'vd'], siUnits: ['s', ''] },
  signal: { names: ['signal', 'intensity', 'integral', 'i', 'm', 'y'] },
  sigma: { names: ['sigma', 'σ', 'err', 'error', 'stderr', 'std', 'sd', 'dy', 'uncertainty'] },
};

const norm = (s: string) => s.trim().toLowerCase();

/**
 * A column name that says "uncertainty": sigma, σ, err, error, stderr, std, sd, dy, uncertainty, or
 * such a suffix after _, a space or - (`R1_err`, `T1 sd`, `sigma_T_err`); `sigma_T` itself is σT.
 */
const UNCERTAINTY_NAME = /^(σ|sigma|err|error|stderr|std|sd|dy|uncertainty)$|[_\s-](err|error|stderr|std|sd|sigma|σ|uncertainty)$/i;

/** Does this column hold uncertainties (by its name)? The one rule of every reader; covers every `sigma` alias of COLUMN_ALIASES. */
export function isUncertaintyColumn(column: Column): boolean {
  return UNCERTAINTY_NAME.test(column.name.trim());
}

/** The column matching exactly by header, then by name, then by alias; undefined if none does. */
export function matchColumn(table: Table, nameOrHeader: string): Column | undefined {
  const wanted = norm(nameOrHeader);
  const exact = table.columns.find((c) => norm(c.header) === wanted) ?? table.columns.find((c) => norm(c.name) === wanted);
  if (exact) return exact;
  const group = Object.values(COLUMN_ALIASES).find((g) => g.names.includes(wanted));
  if (!group) return undefined;
  return table.columns.find((c) => group.names.includes(norm(c.name)) && (!group.siUnits || group.siUnits.includes(c.siUnit)));
}

/** Case-insensitive lookup on name or raw header, with aliases ('delay' also finds 'tau', 'vd', ...). */
export function findColumn(table: Table, nameOrHeader: string): Column {
  const column = matchColumn(table, nameOrHeader);
  if (column) return column;
  const group = Object.values(COLUMN_ALIASES).find((g) => g.names.includes(norm(nameOrHeader)));
  const synonyms = group ? ` (or ${group.names.filter((n) => n !== norm(nameOrHeader)).join(', ')})` : '';
  throw new InputError('no such column', {
    source: table.source,
    field: nameOrHeader,
    expected: `a column named "${nameOrHeader}"${synonyms}; available: ${table.columns.map((c) => JSON.stringify(c.header)).join(', ')}`,
    found: 'no match',
  });
}
