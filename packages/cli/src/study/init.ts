/**
 * `relaxlab study <folder> --init`: a commented starting config (JSONC, see jsonc.ts) written from
 * what the folder holds — which experiments, nuclei and frequencies, the rate series they make,
 * the temperature range — with every choice spelled out at its default, so the user edits values
 * instead of looking up key names. Inputs that cannot be read are named in a comment.
 */
import { DEFAULT_MODEL } from '@relaxlab/core';
import type { TransientExperiment } from '@relaxlab/core';
import { CONFIG_SCHEMA, defaultConfig, SINGLE_COMPONENT_MODELS } from './config';
import { regionIndices, seriesLabel } from './fitting';
import { discoverInputs, readInputs } from './inputs';

const json = (v: unknown): string => JSON.stringify(v);
/** A line comment; the text is one line (a file name with a line break cannot end the comment early). */
const comment = (indent: string, text: string): string => `${indent}// ${text.replace(/[\r\n]+/g, ' ')}`;

export interface InitSummary {
  inputs: number;
  failed: { name: string; reason: string }[];
  experiments: TransientExperiment[];
  series: Map<string, { experiment: TransientExperiment; temperatures: number[] }>;
  /** Inputs with a transient that states no temperature. */
  withoutTemperature: string[];
  ignored: string[];
}

export function surveyFolder(dataDir: string): InitSummary {
  const { names, ignored } = discoverInputs(dataDir, ['*'], []);
  const { inputs, transients } = readInputs(dataDir, names, {});
  const series = new Map<string, { experiment: TransientExperiment; temperatures: number[] }>();
  const experiments = new Set<TransientExperiment>();
  const withoutTemperature = new Set<string>();
  const regions = regionIndices(transients);
  transients.forEach(({ input, transient: t }, k) => {
    if (t.temperature_K === undefined) withoutTemperature.add(names[input]);
    if (!t.experiment) return;
    experiments.add(t.experiment);
    if (t.nucleus === undefined || t.larmor_MHz === undefined) return;
    const label = seriesLabel(t as Parameters<typeof seriesLabel>[0], regions.index[k], regions.perInput);
    const entry = series.get(label) ?? { experiment: t.experiment, temperatures: [] };
    if (t.temperature_K !== undefined) entry.temperatures.push(t.temperature_K);
    series.set(label, entry);
  });
  return {
    inputs: names.length,
    failed: inputs.filter((i) => i.status === 'failed').map((i) => ({ name: i.name, reason: i.reason as string })),
    experiments: [...experiments].sort(),
    series,
    withoutTemperature: [...withoutTemperature],
    ignored,
  };
}

export function initConfigText(folderName: string, summary: InitSummary): string {
  const d = defaultConfig();
  const L: string[] = [];
  L.push('// RelaxLab study configuration — JSON with comments (// and /* */) and trailing commas allowed.');
  L.push(
    comment('', `Written by \`relaxlab study --init\` from ${folderName}: ${summary.inputs} inputs, ${summary.series.size} rate series.`),
  );
  L.push('// Every key is optional; the values below are the defaults unless a comment says otherwise.');
  L.push('// Run: relaxlab study <this folder> -o <output folder>   (or --config <this file>)');
  for (const f of summary.failed) L.push(comment('', `could not be read: ${f.name}: ${f.reason}`));
  L.push('{');
  L.push(`  "schema": ${json(CONFIG_SCHEMA)},`);
  L.push(`  "title": ${json(folderName)},`);
  L.push('  // folder of the experiments, relative to this file (used when this file sits in the study folder)');
  L.push(`  "data": ".",`);
  L.push('  // inputs by file name (* and ? wildcards); folders that are TopSpin experiments count as inputs');
  L.push(`  "include": ${json(d.include)},`);
  L.push(`  "exclude": [],`);
  L.push('  // spectra (TopSpin folders, JCAMP-DX) → transients; tables ignore this');
  L.push('  "import": {');
  L.push('    // "regions_ppm": [[631, 515]],   // ppm regions to integrate (default: TopSpin intrng, else automatic)');
  L.push('    // "data": "ser",                 // ser (RelaxLab processes the FIDs), topspin (with procs LB/PHC), 2rr');
  L.push('    // "measure": "integral",         // or "height"');
  L.push('  },');
  L.push('  // temperature in K by input name, for inputs that do not state theirs (or state it wrongly)');
  const missing = summary.withoutTemperature;
  // null is refused when the config is read: a temperature must be a decision, not a silent default
  L.push(
    missing.length
      ? `  "temperatures": { ${missing.map((n) => `${json(n)}: null`).join(', ')} },   // these inputs state no temperature: fill in (K) or remove them`
      : '  "temperatures": {},',
  );
  L.push(`  // transient model per experiment: ${SINGLE_COMPONENT_MODELS.join(', ')}`);
  L.push('  // "vary": free parameters fixed by default (a, gamma / kappa, c); "params": {"T1": {"value": 0.01, "min": 1e-4}}');
  L.push('  "transients": {');
  const experiments = summary.experiments.length ? summary.experiments : (Object.keys(DEFAULT_MODEL) as TransientExperiment[]);
  experiments.forEach((e, i) => {
    L.push(
      `    ${json(e)}: { "model": ${json(DEFAULT_MODEL[e])}, "vary": [], "fix": [], "params": {} }${i < experiments.length - 1 ? ',' : ''}`,
    );
  });
  L.push('  },');
  L.push('  "arrhenius": {');
  L.push('    // flanks found automatically: a point is on a flank when its rate is this many decades below the peak');
  L.push(`    "decadesBelowPeak": ${d.arrhenius.decadesBelowPeak},   // log10(4): a quarter of the peak rate`);
  L.push(`    "minPoints": ${d.arrhenius.minPoints},`);
  L.push('    // explicit windows replace the automatic flanks of their series; side "low" (rate rises with T) or "high"');
  L.push('    "windows": [');
  for (const [label, s] of summary.series) {
    const temps = s.temperatures.sort((a, b) => a - b);
    const range = temps.length ? ` (data ${temps[0]}–${temps[temps.length - 1]} K, ${temps.length} temperatures)` : '';
    L.push(comment('      ', `{ "series": ${json(label)}, "side": "low", "window_K": [T1, T2] },${range}`));
  }
  L.push('    ]');
  L.push('  },');
  L.push('  // joint BPP fit of all rate series: R1 = C[J(w0) + 4J(2w0)], R1rho = C[1.5J(2w1) + 2.5J(w0) + J(2w0)]');
  L.push('  "bpp": {');
  L.push(`    "enabled": true,`);
  L.push(
    comment(
      '    ',
      `series fitted together (labels as in rates.csv; empty = all): ${[...summary.series.keys()].join(', ') || 'none found'}`,
    ),
  );
  L.push('    "series": [],');
  L.push(`    "spectralDensity": ${json(d.bpp.spectralDensity)},   // bpp, asymmetric-bpp, richards-2d, lattice-1d, cole-davidson`);
  L.push(`    "convention": ${json(d.bpp.convention)},              // or "omega0-only"`);
  L.push(`    "share": ${json(d.bpp.share)},       // Ea, tau0, beta, C, bgA, bgKappa, bgEa`);
  L.push('    // background rate per experiment: none, power-law (A (T/Tref)^kappa), arrhenius');
  L.push(`    "background": ${json(d.bpp.background)},`);
  L.push('    // seeded residual bootstrap of the joint fit, e.g. {"samples": 200, "seed": 1}; null: none');
  L.push('    "bootstrap": null');
  L.push('  },');
  L.push('  // NMR beside DC conductivity: a JSON file as `relaxlab crosslink` reads (relative to this file); null: none');
  L.push('  "crossLink": null,');
  L.push('  // "crossLink": {');
  L.push('  //   "conductivity": "conductivity.json",');
  L.push('  //   "nmrActivationEnergy": "low-temperature-flank",   // or "bpp" (the full Ea)');
  L.push('  //   "temperatureRange_K": [323, 393],');
  L.push('  //   "segments": "auto",');
  L.push('  //   "hopping": { "numberDensity_per_cm3": 6e20, "jumpDistance_m": 3e-10, "dimensionality": 3 }');
  L.push('  // },');
  L.push('  "report": { "transientPlots": true }   // one fit plot per transient in report.html');
  L.push('}');
  return `${L.join('\n')}\n`;
}
