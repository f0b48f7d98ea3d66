/**
 * Reader for the NIST Statistical Reference Datasets, nonlinear regression format
 * (https://www.itl.nist.gov/div898/strd/nls/nls_main.shtml): the model as written in the header,
 * two start vectors, certified values with standard deviations, the certified residual sum of
 * squares, and the data table (response first, then the predictors).
 */
import { readFileSync } from 'fs';
import { basename } from 'path';
import { InputError } from '@relaxlab/core';

export interface NistProblem {
  name: string;
  /** Left-hand side of the model, e.g. "y" or "log[y]" (Nelson fits log y). */
  response: string;
  /** Right-hand side, NIST's "+ e" error term removed. */
  model: string;
  predictors: string[];
  parameters: string[];
  /** starts[k][j]: start k (0 or 1) for parameter j. */
  starts: number[][];
  certifiedValues: number[];
  certifiedStdDevs: number[];
  certifiedRss: number;
  y: number[];
  x: Record<string, number[]>;
}

const NUMBER = /^[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function num(text: string, field: string, source: string): number {
  if (!NUMBER.test(text)) throw new InputError('not a number', { field, expected: 'a decimal number', found: text, source });
  return Number(text);
}

export function parseNistStrd(text: string, source = 'NIST StRD'): NistProblem {
  const lines = text.split(/\r?\n/);
  const name = (/Dataset Name:\s+(\S+)/.exec(text) ?? [])[1] ?? basename(source).replace(/\.dat$/i, '');
  const modelAt = lines.findIndex((l) => /^Model:/.test(l));
  const startsAt = lines.findIndex((l) => /Start 1/.test(l));
  const dataAt = lines.findIndex((l) => /^Data:\s+y\b/.test(l));
  if (modelAt < 0 || startsAt < 0 || dataAt < 0) {
    throw new InputError('not a NIST StRD nonlinear regression file', {
      field: 'header',
      expected: 'Model:, Start 1 and Data: sections',
      source,
    });
  }
  // the model statement: lines with '=' after the parameter count, joined with their
  // continuation lines; definitions of constants (pi = 3.14...) are skipped
  const statement: string[] = [];
  for (let i = modelAt + 2; i < startsAt; i++) {
    const l = lines[i].trim();
    if (!l || /^pi\s*=/.test(l) || /Starting values/i.test(l)) continue;
    statement.push(l);
  }
  const joined = statement.join(' ');
  const eq = joined.indexOf('=');
  if (eq < 0) throw new InputError('model statement not found', { field: 'Model', expected: 'y = f(x; b)', source });
  const response = joined.slice(0, eq).trim();
  const model = joined
    .slice(eq + 1)
    .replace(/\+\s*e\s*$/, '')
    .trim();

  const parameters: string[] = [];
  const starts: number[][] = [[], []];
  const certifiedValues: number[] = [];
  const certifiedStdDevs: number[] = [];
  for (let i = startsAt + 1; i < dataAt; i++) {
    const m = /^\s*(b\d+)\s*=\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$/.exec(lines[i]);
    if (!m) continue;
    const field = `${m[1]} (line ${i + 1})`;
    parameters.push(m[1]);
    starts[0].push(num(m[2], field, source));
    starts[1].push(num(m[3], field, source));
    certifiedValues.push(num(m[4], field, source));
    certifiedStdDevs.push(num(m[5], field, source));
  }
  const rssLine = lines.find((l) => /Residual Sum of Squares:/.test(l));
  if (!rssLine || parameters.length === 0) {
    throw new InputError('certified values not found', {
      field: 'Certified Values',
      expected: 'b1 = start1 start2 value sd lines and the RSS',
      source,
    });
  }
  const certifiedRss = num(rssLine.split(':')[1].trim(), 'Residual Sum of Squares', source);

  const columns = lines[dataAt]
    .replace(/^Data:/, '')
    .trim()
    .split(/\s+/);
  const predictors = columns.slice(1);
  const y: number[] = [];
  const x: Record<string, number[]> = Object.fromEntries(predictors.map((p) => [p, [] as number[]]));
  for (let i = dataAt + 1; i < lines.length; i++) {
    const cells = lines[i].trim().split(/\s+/);
    if (cells.length === 1 && cells[0] === '') continue;
    if (cells.length !== columns.length) {
      throw new InputError('wrong number of columns', {
        field: `data line ${i + 1}`,
        expected: `${columns.length} columns (${columns.join(', ')})`,
        found: `${cells.length}`,
        source,
      });
    }
    y.push(num(cells[0], `${columns[0]} (line ${i + 1})`, source));
    predictors.forEach((p, k) => x[p].push(num(cells[k + 1], `${p} (line ${i + 1})`, source)));
  }
  return { name, response, model, predictors, parameters, starts, certifiedValues, certifiedStdDevs, certifiedRss, y, x };
}

export function readNistStrd(path: string): NistProblem {
  return parseNistStrd(readFileSync(path, 'utf8'), path);
}
