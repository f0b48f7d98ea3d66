/**
 * `relaxlab crosslink <nmr.json> <conductivity.json> [--number-density ...] [--jump-distance ...] [--json]`:
 * NMR results beside DC conductivity (@relaxlab/core crossLink): activation energies per regime,
 * Ngai n from the σT kink and from NMR vs DC, Jonscher p, σ predicted from the NMR jump rates by the
 * hopping model vs σDC at the same T, and the implied Haven ratio.
 */
import type { Command } from 'commander';
import { crossLink, crossLinkReport, InputError } from '@relaxlab/core';
import type { ConductivityCrossLinkInput, Estimate, HoppingGeometry, ImpedanceSeriesAnalysis, NmrCrossLinkInput } from '@relaxlab/core';
import { readSourceFile } from '@relaxlab/io';
import { printJson, printOut } from '../output';

export interface CrosslinkCommandOptions {
  numberDensity?: string;
  jumpDistance?: string;
  dimensionality?: string;
  json?: boolean;
}

const INPUT_SHAPES = [
  '',
  'nmr.json (numbers may be given as {"value": v, "stderr": s}):',
  '  { "label": "7Li",                                  optional',
  '    "activationEnergy_eV": {"value": 0.20, "stderr": 0.01},',
  '    "temperatureRange_K": [323, 393],                optional: picks the sigma*T regime compared (default: highest T)',
  '    "jumpRates": { "temperature_K": [...], "jumpRate_per_s": [...],',
  '                   "stderr_per_s": [...] },           optional (or "lower_per_s"/"upper_per_s" of a BPP band)',
  '    "jumpRateKind": "correlation",                   optional: "correlation" (tau_c^-1, default) or "residence"',
  '    "residencePerCorrelation": 1,                    optional: tau_residence/tau_c (default 1)',
  '    "hopping": { "numberDensity_per_cm3": 6.0e20,    optional here or as options below',
  '                 "jumpDistance_m": 3e-10, "dimensionality": 3, "chargeNumber": 1 } }',
  'conductivity.json:',
  '  { "label": "Li sigma_DC",                          optional',
  '    "temperature_K": [...], "conductivity_S_per_cm": [...], "sigma_S_per_cm": [...],   sigma optional',
  '    "segments": "auto",                              optional: 1, 2, 3 or auto (sigma*T fit, default auto)',
  '    "jonscherExponent": {"value": 0.66, "stderr": 0.02} }   optional',
  '',
  'Example:',
  '  relaxlab crosslink examples/mil121/conductivity/li-nmr.json examples/mil121/conductivity/li-conductivity.json',
  '',
  'Exit codes: 0 success, 1 internal error, 2 bad input or usage (one line on stderr naming the file/field).',
].join('\n');

export function registerCrosslink(program: Command): Command {
  return program
    .command('crosslink')
    .helpOption('-h, --help', 'show this help')
    .summary('compare NMR results with DC conductivity: Ea per regime, Ngai n vs Jonscher p, sigma from jump rates, Haven ratio')
    .description(
      'Set NMR results (activation energy, jump rates) beside DC conductivity (sigma_DC(T), fitted here as a sigma*T ' +
        'Arrhenius with kinks): activation energies per conduction regime, Ngai n = 1 - Ea(II)/Ea(I) from the sigma*T ' +
        'kink beside the Jonscher exponent p, n = 1 - Ea,NMR/Ea,DC, sigma predicted from the jump rates by the ' +
        'random-walk hopping model sigma = (N/V) q^2 a^2 Gamma/(2d kB T) against sigma_DC at the same T, and the implied ' +
        'Haven ratio D_NMR/D_sigma. Uncertainties are propagated to first order.',
    )
    .argument('<nmr.json>', 'NMR results (shape below)')
    .argument('<conductivity.json>', 'DC conductivities vs temperature (shape below)')
    .option(
      '--number-density <N>',
      'number density of mobile ions in cm^-3 for the hopping model, "VALUE" or "VALUE+-STDERR" (overrides nmr.json hopping)',
    )
    .option('--jump-distance <a>', 'jump distance in m, "VALUE" or "VALUE+-STDERR", e.g. 3e-10+-0.3e-10 (overrides nmr.json hopping)')
    .option('--dimensionality <d>', 'dimensionality of the diffusion, 1, 2 or 3 (default: nmr.json hopping, else 3)')
    .option('--json', 'print exactly one JSON document: the CrossLinkResult')
    .addHelpText('after', INPUT_SHAPES)
    .action((nmrFile: string, conductivityFile: string, options: CrosslinkCommandOptions) =>
      runCrosslink(nmrFile, conductivityFile, options),
    );
}

export function runCrosslink(nmrFile: string, conductivityFile: string, options: CrosslinkCommandOptions): void {
  const nmr = readJsonObject(nmrFile) as unknown as NmrCrossLinkInput & { hopping?: Partial<HoppingGeometry> };
  const conductivity = readJsonObject(conductivityFile) as unknown as ConductivityCrossLinkInput | ImpedanceSeriesAnalysis;
  const hopping = hoppingFrom(nmr.hopping, options);
  const result = crossLink(nmr, conductivity, { ...(hopping && { hopping }), source: `${nmrFile} + ${conductivityFile}` });
  if (options.json) return printJson(result);
  printOut(crossLinkReport(result));
}

function readJsonObject(file: string): Record<string, unknown> {
  const { text } = readSourceFile(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError('not valid JSON', {
      source: file,
      field: 'file',
      expected: 'a JSON object',
      found: e instanceof Error ? e.message : String(e),
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('not a JSON object', {
      source: file,
      field: 'file',
      expected: 'a JSON object {...} (see relaxlab crosslink --help)',
      found: Array.isArray(value) ? 'an array' : typeof value,
    });
  }
  return value as Record<string, unknown>;
}

function parseEstimate(text: string, option: string): Estimate {
  const m = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(?:(?:\+-|±|\+\/-)\s*((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?))?$/.exec(
    text.trim(),
  );
  if (!m)
    throw new InputError('not a number', {
      field: option,
      expected: 'VALUE or VALUE+-STDERR, e.g. 3e-10+-0.3e-10',
      found: JSON.stringify(text),
    });
  return { value: Number(m[1]), stderr: m[2] !== undefined ? Number(m[2]) : null };
}

/** The hopping geometry: options override nmr.json's "hopping"; none when neither gives N/V and a. */
function hoppingFrom(fromFile: Partial<HoppingGeometry> | undefined, options: CrosslinkCommandOptions): HoppingGeometry | undefined {
  const merged: Partial<HoppingGeometry> = { ...(fromFile ?? {}) };
  if (options.numberDensity !== undefined) merged.numberDensity_per_cm3 = parseEstimate(options.numberDensity, '--number-density');
  if (options.jumpDistance !== undefined) merged.jumpDistance_m = parseEstimate(options.jumpDistance, '--jump-distance');
  if (options.dimensionality !== undefined) {
    const d = Number(options.dimensionality);
    if (d !== 1 && d !== 2 && d !== 3)
      throw new InputError('invalid dimensionality', {
        field: '--dimensionality',
        expected: '1, 2 or 3',
        found: JSON.stringify(options.dimensionality),
      });
    merged.dimensionality = d;
  }
  if (merged.numberDensity_per_cm3 === undefined && merged.jumpDistance_m === undefined) return undefined;
  if (merged.numberDensity_per_cm3 === undefined || merged.jumpDistance_m === undefined) {
    const missing =
      merged.numberDensity_per_cm3 === undefined ? 'numberDensity_per_cm3 (--number-density)' : 'jumpDistance_m (--jump-distance)';
    throw new InputError('incomplete hopping geometry', {
      field: missing,
      expected: 'both the number density and the jump distance, or neither',
    });
  }
  return merged as HoppingGeometry;
}
