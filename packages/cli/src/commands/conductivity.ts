/**
 * `relaxlab conductivity <files...> --circuit "<string>" --thickness CM --area CM2 [options]`:
 * one DC conductivity per spectrum (file or temperature block) from the fitted resistance,
 * σ = l/(R·A) with its stderr, then the σT Arrhenius plot with kinks (segmented regression of
 * @relaxlab/core transport/arrhenius, segments chosen by BIC unless --segments says).
 */
import type { Command } from 'commander';
import { InputError, fitConductivityArrhenius, formatNumber, kinkTestSummary, RESULT_SCHEMA } from '@relaxlab/core';
import type { Estimate, SegmentedArrheniusResult } from '@relaxlab/core';
import { printJson, printOut, printWarning } from '../output';
import { addCircuitOptions, analyseSpectrum, circuitSettings, CircuitCommandOptions, readSpectra, SpectrumAnalysis } from './impedance';

interface ConductivityCommandOptions extends CircuitCommandOptions {
  segments?: string;
  temperatures?: string;
}

/** σT Arrhenius needs a line through at least this many temperatures. */
const MIN_ARRHENIUS_POINTS = 3;

export function registerConductivity(program: Command): Command {
  const command = program
    .command('conductivity')
    .helpOption('-h, --help', 'show this help')
    .summary('DC conductivity per temperature from circuit fits, and the sigma*T Arrhenius plot with kinks')
    .description(
      'Fit the circuit to every impedance spectrum in the files (one per file, or one per temperature block of a ' +
        'WinDETA export), turn the chosen resistance into sigma = l/(R*A) with its standard error, and fit ' +
        'log10(sigma*T) against 1000/T with one to three straight segments (kinks between conduction regimes; the ' +
        'number chosen by BIC unless --segments is given) and Davies\' test of one kink against one straight line. ' +
        'Every spectrum needs a temperature (from the file, or --temperatures) and the pellet geometry ' +
        '(--thickness/--area, or from the file).',
    )
    .argument('<files...>', 'impedance files (any format of `relaxlab impedance`)');
  addCircuitOptions(command)
    .option('--segments <n>', 'Arrhenius segments: auto, 1, 2 or 3 (default auto)')
    .option('--temperatures <list>', 'comma-separated temperatures in K, one per file, for files that do not state theirs')
    .option('--json', 'print exactly one JSON document on stdout: {kind: "ConductivityAnalysis", points: [...], arrhenius}')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  relaxlab conductivity windeta.txt --circuit "R0-p(R1,CPE1)-CPE2" --json',
        '  relaxlab conductivity a.z b.z c.z d.z --circuit "R0-p(R1,CPE1)" --thickness 0.1 --area 0.785 --temperatures 293,313,333,353',
      ].join('\n'),
    )
    .action((files: string[], options: ConductivityCommandOptions) => runConductivity(files, options));
  return command;
}

function parseSegments(text: string | undefined): 'auto' | 1 | 2 | 3 {
  if (text === undefined || text.trim() === 'auto') return 'auto';
  const t = text.trim();
  if (t === '1' || t === '2' || t === '3') return Number(t) as 1 | 2 | 3;
  throw new InputError('invalid number of segments', { source: '--segments', field: 'segments', expected: 'auto, 1, 2 or 3', found: JSON.stringify(text) });
}

function parseTemperatures(text: string | undefined, files: string[]): (number | undefined)[] {
  if (text === undefined) return files.map(() => undefined);
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== files.length) {
    throw new InputError('one temperature per file', { source: '--temperatures', field: 'temperatures', expected: `${files.length} comma-separated values in K`, found: `${parts.length}` });
  }
  return parts.map((p) => {
    const v = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(p) ? Number(p) : NaN;
    if (!(v > 0)) throw new InputError('not a temperature in K', { source: '--temperatures', field: 'temperatures', expected: 'absolute temperatures > 0 K', found: JSON.stringify(p) });
    return v;
  });
}

interface ConductivityPoint {
  file: string;
  block?: number;
  temperature_K: number;
  resistance: string;
  resistance_ohm: Estimate;
  sigma_S_per_cm: Estimate;
  converged: boolean;
  analysis: SpectrumAnalysis;
}

export function runConductivity(files: string[], options: ConductivityCommandOptions): void {
  const settings = circuitSettings(options);
  const segments = parseSegments(options.segments);
  const temperatures = parseTemperatures(options.temperatures, files);
  const points: ConductivityPoint[] = [];
  files.forEach((file, k) => {
    const { spectra } = readSpectra(file, options);
    if (temperatures[k] !== undefined && spectra.length > 1) {
      throw new InputError('--temperatures gives one temperature per file, but this file holds several spectra', { source: file, field: '--temperatures', expected: 'files with one spectrum each (the temperatures of multi-block files come from the file)' });
    }
    for (const spectrum of spectra) {
      const temperature_K = temperatures[k] ?? spectrum.temperature_K;
      const where = spectrum.source?.block !== undefined ? `${file} (block ${spectrum.source.block})` : file;
      if (temperature_K === undefined) {
        throw new InputError('no temperature for this spectrum', { source: where, field: 'temperature', expected: '--temperatures K1,K2,... (one per file), a "# temperature: 25 °C" line in a CSV, or a Temp. column (WinDETA)' });
      }
      const geometry = settings.geometry ?? spectrum.geometry;
      if (!geometry) {
        throw new InputError('geometry missing: a conductivity needs the pellet thickness and electrode area', { source: where, field: 'geometry', expected: '--thickness CM and --area CM2 (or geometry in the file)' });
      }
      const analysis = analyseSpectrum(file, { ...spectrum, temperature_K }, settings, geometry);
      const c = analysis.conductivity!;
      const r = analysis.fit.parameters[c.resistance];
      points.push({
        file,
        ...(spectrum.source?.block !== undefined && { block: spectrum.source.block }),
        temperature_K,
        resistance: c.resistance,
        resistance_ohm: { value: r.value, stderr: r.stderr },
        sigma_S_per_cm: c.sigma_S_per_cm,
        converged: analysis.fit.converged,
        analysis,
      });
    }
  });
  points.sort((a, b) => a.temperature_K - b.temperature_K);
  const warnings: string[] = [];
  let arrhenius: SegmentedArrheniusResult | null = null;
  if (points.length >= MIN_ARRHENIUS_POINTS) {
    const withErrors = points.every((p) => p.sigma_S_per_cm.stderr !== null && p.sigma_S_per_cm.stderr > 0);
    arrhenius = fitConductivityArrhenius(
      {
        temperature_K: points.map((p) => p.temperature_K),
        conductivity_S_per_cm: points.map((p) => p.sigma_S_per_cm.value),
        ...(withErrors && { sigma_S_per_cm: points.map((p) => p.sigma_S_per_cm.stderr as number) }),
      },
      { segments, source: files.join(', ') },
    );
    if (!withErrors) warnings.push('some conductivities have no standard error: the Arrhenius fit is unweighted');
  } else {
    warnings.push(`${points.length} temperature(s): the sigma*T Arrhenius fit needs at least ${MIN_ARRHENIUS_POINTS}`);
  }
  for (const p of points) if (!p.converged) warnings.push(`${p.file}${p.block !== undefined ? ` (block ${p.block})` : ''}: the circuit fit did not converge`);

  if (options.json) {
    printJson({ schema: RESULT_SCHEMA, kind: 'ConductivityAnalysis', circuit: settings.circuit.text, weighting: settings.weighting, points, arrhenius, warnings });
    return;
  }
  printOut(conductivityText(points, arrhenius));
  warnings.forEach(printWarning);
}

const pm = (e: Estimate) => `${formatNumber(e.value)} ± ${e.stderr === null ? '(n/a)' : formatNumber(e.stderr)}`;

function conductivityText(points: ConductivityPoint[], arrhenius: SegmentedArrheniusResult | null): string {
  const lines = ['[[DC conductivity]] sigma = l/(R*A)', '    T (K)      R (Ohm)                 sigma (S/cm)              file'];
  for (const p of points) {
    lines.push(`    ${p.temperature_K.toFixed(2).padEnd(10)} ${pm(p.resistance_ohm).padEnd(23)} ${pm(p.sigma_S_per_cm).padEnd(25)} ${p.file}${p.block !== undefined ? ` #${p.block}` : ''}`);
  }
  if (arrhenius) {
    lines.push('', `[[sigma*T Arrhenius]] ${arrhenius.chosenSegments} segment(s) (BIC: ${arrhenius.bic.map((b) => `${b.segments}: ${b.bic.toFixed(2)}`).join(', ')})`);
    arrhenius.segments.forEach((s, k) => {
      lines.push(
        `    segment ${k + 1}: ${s.temperatureRange_K[0].toFixed(1)}-${s.temperatureRange_K[1].toFixed(1)} K  Ea = ${pm(s.activationEnergy_eV)} eV (${pm(s.activationEnergy_kJ_per_mol)} kJ/mol)`,
      );
    });
    arrhenius.breakpoints.forEach((b, k) => {
      lines.push(`    kink ${k + 1}: T = ${pm(b.temperature_K)} K (95 % CI ${b.ci95_K[0].toFixed(1)}-${b.ci95_K[1].toFixed(1)} K)`);
    });
    // BIC lets a spurious kink through now and then; Davies' p of one kink against one line is calibrated
    lines.push(`    ${kinkTestSummary(arrhenius).line}`);
  }
  return lines.join('\n');
}
