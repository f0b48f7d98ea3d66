/**
 * `relaxlab conductivity <files...> --circuit "<string>" --thickness CM --area CM2 [options]`:
 * one DC conductivity per spectrum (file or temperature block) from the fitted resistance,
 * σ = l/(R·A) with its stderr, then the σT Arrhenius plot with kinks (segmented regression of
 * @relaxlab/core transport/arrhenius, segments chosen by BIC unless --segments says). The series
 * policy — temperature order, continuation, block identity, per-block Arrhenius lines, the
 * optional global fit — is core's analyzeImpedanceSeries; this command reads files and prints.
 */
import type { Command } from 'commander';
import { InputError, analyzeImpedanceSeries, impedanceSeriesReport } from '@relaxlab/core';
import type { ImpedanceSpectrum } from '@relaxlab/core';
import { printJson, printOut, printWarning } from '../output';
import { addCircuitOptions, analysisOptions, BLOCK_ORDER_HELP, circuitSettings, CircuitCommandOptions, readSpectra } from './impedance';

interface ConductivityCommandOptions extends CircuitCommandOptions {
  segments?: string;
  temperatures?: string;
  share?: string;
  continuation?: boolean;
}

export function registerConductivity(program: Command): Command {
  const command = program
    .command('conductivity')
    .helpOption('-h, --help', 'show this help')
    .summary('DC conductivity per temperature from circuit fits, Arrhenius lines of every block, and the sigma*T Arrhenius plot with kinks')
    .description(
      'Fit the circuit to every impedance spectrum in the files (one per file, or one per temperature block of a ' +
        'WinDETA export) in order of temperature, each also started from the result at the temperature below (continuation), ' +
        'turn the bulk resistance into sigma = l/(R*A) with its standard error, fit one Arrhenius line per block resistance ' +
        '(bulk and grain boundary side by side), check that block capacitances stay put across temperature (a jump by a decade ' +
        'means two blocks swapped identity), and fit log10(sigma*T) against 1000/T with one to three straight segments (kinks between ' +
        "conduction regimes; the number chosen by BIC unless --segments is given) with Davies' test of one kink against one line. " +
        'With --share the spectra are also fitted together with the named parameters common to all temperatures, and sigma comes from that fit. ' +
        'Every spectrum needs a temperature (from the file, or --temperatures), each temperature once, and the pellet geometry ' +
        '(--thickness/--area, or from the file). ' +
        BLOCK_ORDER_HELP,
    )
    .argument('<files...>', 'impedance files (any format of `relaxlab impedance`)');
  addCircuitOptions(command)
    .option('--segments <n>', 'Arrhenius segments: auto, 1, 2 or 3 (default auto)')
    .option('--temperatures <list>', 'comma-separated temperatures in K, one per file, for files that do not state theirs')
    .option(
      '--share <names>',
      'comma-separated parameters common to all temperatures for a global fit, e.g. CPE1_n,CPE2_n (default: none, each spectrum on its own)',
    )
    .option('--no-continuation', "start each spectrum only from its own start values, not also from the neighbouring temperature's result")
    .option('--json', 'print exactly one JSON document on stdout: {kind: "ImpedanceSeriesAnalysis", points: [...], blocks, arrhenius, ...}')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  relaxlab conductivity windeta.txt --circuit "R0-p(R1,CPE1)-CPE2" --json',
        '  relaxlab conductivity a.z b.z c.z d.z --circuit "R0-p(R1,CPE1)" --thickness 0.1 --area 0.785 --temperatures 293,313,333,353',
        '  relaxlab conductivity series.txt --circuit "p(R1,CPE1)-p(R2,CPE2)-CPE3" --share CPE1_n,CPE2_n,CPE3_n',
      ].join('\n'),
    )
    .action((files: string[], options: ConductivityCommandOptions) => runConductivity(files, options));
  return command;
}

function parseSegments(text: string | undefined): 'auto' | 1 | 2 | 3 {
  if (text === undefined || text.trim() === 'auto') return 'auto';
  const t = text.trim();
  if (t === '1' || t === '2' || t === '3') return Number(t) as 1 | 2 | 3;
  throw new InputError('invalid number of segments', {
    source: '--segments',
    field: 'segments',
    expected: 'auto, 1, 2 or 3',
    found: JSON.stringify(text),
  });
}

function parseTemperatures(text: string | undefined, files: string[]): (number | undefined)[] {
  if (text === undefined) return files.map(() => undefined);
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== files.length) {
    throw new InputError('one temperature per file', {
      source: '--temperatures',
      field: 'temperatures',
      expected: `${files.length} comma-separated values in K`,
      found: `${parts.length}`,
    });
  }
  return parts.map((p) => {
    const v = /^[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(p) ? Number(p) : NaN;
    if (!(v > 0))
      throw new InputError('not a temperature in K', {
        source: '--temperatures',
        field: 'temperatures',
        expected: 'absolute temperatures > 0 K',
        found: JSON.stringify(p),
      });
    return v;
  });
}

export function runConductivity(files: string[], options: ConductivityCommandOptions): void {
  const settings = circuitSettings(options);
  const segments = parseSegments(options.segments);
  const temperatures = parseTemperatures(options.temperatures, files);
  const shared =
    options.share === undefined
      ? []
      : options.share
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  for (const name of shared) {
    if (!settings.circuit.parameterNames.includes(name)) {
      throw new InputError(`unknown parameter '${name}' for circuit ${settings.circuit.text}`, {
        source: '--share',
        field: 'share',
        expected: `names among ${settings.circuit.parameterNames.join(', ')}`,
        found: JSON.stringify(name),
      });
    }
  }
  const spectra: ImpedanceSpectrum[] = [];
  files.forEach((file, k) => {
    const data = readSpectra(file, options);
    if (temperatures[k] !== undefined && data.spectra.length > 1) {
      throw new InputError('--temperatures gives one temperature per file, but this file holds several spectra', {
        source: file,
        field: '--temperatures',
        expected: 'files with one spectrum each (the temperatures of multi-block files come from the file)',
      });
    }
    for (const spectrum of data.spectra) {
      const temperature_K = temperatures[k] ?? spectrum.temperature_K;
      const where = spectrum.source?.block !== undefined ? `${file} (block ${spectrum.source.block})` : file;
      if (temperature_K === undefined) {
        throw new InputError('no temperature for this spectrum', {
          source: where,
          field: 'temperature',
          expected: '--temperatures K1,K2,... (one per file), a "# temperature: 25 °C" line in a CSV, or a Temp. column (WinDETA)',
        });
      }
      const geometry = settings.geometry ?? spectrum.geometry;
      if (!geometry) {
        throw new InputError('geometry missing: a conductivity needs the pellet thickness and electrode area', {
          source: where,
          field: 'geometry',
          expected: '--thickness CM and --area CM2 (or geometry in the file)',
        });
      }
      spectra.push({ ...spectrum, temperature_K, geometry, source: spectrum.source ?? { file, format: data.format, imagStoredAs: 'Z″' } });
    }
  });
  const analysis = analyzeImpedanceSeries(spectra, settings.circuit, {
    ...analysisOptions(settings, settings.geometry),
    segments,
    shared,
    continuation: options.continuation !== false,
    source: files.join(', '),
  });
  if (options.json) {
    printJson({ ...analysis, weighting: settings.weighting });
    return;
  }
  printOut(impedanceSeriesReport(analysis));
  analysis.warnings.forEach(printWarning);
}
