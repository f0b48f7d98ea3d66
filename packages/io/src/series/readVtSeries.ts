/**
 * A variable-temperature series: a TopSpin data-set folder whose numbered experiments (expno
 * folders 1, 2, 10, ...) are pseudo-2D relaxation experiments at different temperatures (acqus
 * TE). Each is read with the same options; the transients come back sorted by temperature, ready
 * for a rate-vs-temperature analysis. Folders that are not relaxation experiments (a 1D set-up
 * spectrum, a folder without acqus) are skipped with a warning, not an error.
 */
import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { InputError, isInputError } from '@relaxlab/core';
import { readBrukerRelaxation, BrukerRelaxation, BrukerRelaxationOptions } from '../bruker/readBrukerRelaxation';
import type { Transient } from '../types';

export interface VtExperiment {
  expno: number;
  path: string;
  temperature_K?: number;
  result: BrukerRelaxation;
}

export interface VtSeries {
  /** Experiments sorted by temperature (those without a temperature last, by expno). */
  experiments: VtExperiment[];
  /** All transients, in the experiments' order (one per experiment and region). */
  transients: Transient[];
  warnings: string[];
}

function byTemperature(a: VtExperiment, b: VtExperiment): number {
  if (a.temperature_K === undefined || b.temperature_K === undefined) {
    if (a.temperature_K !== b.temperature_K) return a.temperature_K === undefined ? 1 : -1;
    return a.expno - b.expno;
  }
  return a.temperature_K - b.temperature_K || a.expno - b.expno;
}

export function readVtSeries(dir: string, options: BrukerRelaxationOptions = {}): VtSeries {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError('not a folder', {
      source: dir,
      field: 'path',
      expected: 'a TopSpin data-set folder holding numbered experiments',
      found: existsSync(dir) ? 'a file' : 'nothing there',
    });
  }
  const expnos = readdirSync(dir)
    .filter((name) => /^\d+$/.test(name) && statSync(join(dir, name)).isDirectory())
    .map(Number)
    .sort((a, b) => a - b);
  const warnings: string[] = [];
  const experiments: VtExperiment[] = [];
  for (const expno of expnos) {
    const path = join(dir, String(expno));
    if (!existsSync(join(path, 'ser')) && !(options.data === '2rr' && existsSync(join(path, 'acqus')))) {
      warnings.push(`${path}: skipped, not a pseudo-2D experiment (no ser)`);
      continue;
    }
    let result: BrukerRelaxation;
    try {
      result = readBrukerRelaxation(path, options);
    } catch (e) {
      // one unreadable experiment should not hide the others; say which and why
      if (!isInputError(e)) throw e;
      warnings.push(`${path}: skipped: ${e.message}`);
      continue;
    }
    warnings.push(...result.warnings.map((w) => `${path}: ${w}`));
    experiments.push({ expno, path, temperature_K: result.transients[0]?.temperature_K, result });
  }
  if (experiments.length === 0) {
    throw new InputError('no relaxation experiments', {
      source: dir,
      field: 'expno folders',
      expected: 'numbered experiment folders with acqus, ser and a delay list',
      found: expnos.length ? `${expnos.length} folders, none readable (${warnings.join('; ')})` : 'no numbered folders',
    });
  }
  experiments.sort(byTemperature);
  return { experiments, transients: experiments.flatMap((e) => e.result.transients), warnings };
}
