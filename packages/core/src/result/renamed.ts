/**
 * The names relaxlab/2 gave where relaxlab/1 results carry others, applied by migrateResult
 * (migrate.ts) to each relaxlab/1 node:
 *
 *  - kinds that were not the name of their result's type: CircuitFit → CircuitFitResult, …;
 *  - fitted parameters without their unit, or numbered another way: every fitted parameter is now
 *    symbol[_k][_unit] (Ea_eV, Ea_2_eV, log10tau0_s, log10C_1_per_s2, Tkink_1_K, sigmaDC_S_per_cm),
 *    so the same quantity has the same name in every fit;
 *  - result fields without their unit: log10Tau0 → log10tau0_s, peakRate → peakRate_per_s.
 */
import { jointParameterName } from '../spectral/jointModel';
import type { JointParameterKind } from '../spectral/types';

type Json = Record<string, unknown>;

/** relaxlab/1 kinds that were not the name of their result's type, and that name. */
const RENAMED_KINDS: ReadonlyMap<unknown, string> = new Map([
  ['CircuitFit', 'CircuitFitResult'],
  ['JonscherFit', 'JonscherResult'],
  ['SummerfieldScaling', 'SummerfieldResult'],
  ['LinKK', 'LinKKResult'],
]);

/** relaxlab/1 fields without their unit, by the kind of the result that has them. */
const RENAMED_FIELDS: ReadonlyMap<unknown, ReadonlyMap<string, string>> = new Map([
  ['JointBppResult', new Map([['log10Tau0', 'log10tau0_s']])],
  ['LineNarrowingResult', new Map([['log10Tau0', 'log10tau0_s']])],
  ['RatePeakFlanks', new Map([['peakRate', 'peakRate_per_s']])],
]);

/** relaxlab/1 symbols of the joint BPP parameters that now carry a unit, and their kinds. */
const BPP_SYMBOLS: ReadonlyMap<string, JointParameterKind> = new Map([
  ['Ea', 'Ea'],
  ['log10tau0', 'tau0'],
  ['log10C', 'C'],
  ['bgA', 'bgA'],
  ['bgEa', 'bgEa'],
]);

/** A joint BPP parameter under its relaxlab/2 name (Ea → Ea_eV, log10C_2 → log10C_2_per_s2; beta_2, bgKappa as they were). */
function bppName(name: string): string {
  const parts = /^([A-Za-z0-9]+?)(?:_(\d+))?$/.exec(name);
  const kind = parts ? BPP_SYMBOLS.get(parts[1]) : undefined;
  if (!parts || kind === undefined) return name;
  return jointParameterName(kind, parts[2] === undefined ? undefined : Number(parts[2]) - 1);
}

const lookup = (names: ReadonlyMap<string, string>) => (name: string) => names.get(name) ?? name;

/** How the parameters of a fit were renamed, told by its model name; `formula`: its formula text names them too. */
const PARAMETER_RENAMES: ReadonlyArray<{ model: RegExp; rename: (name: string) => string; formula: boolean }> = [
  { model: /^joint BPP/, rename: bppName, formula: false },
  {
    model: /^line narrowing/,
    rename: lookup(
      new Map([
        ['Ea', 'Ea_eV'],
        ['log10tau0', 'log10tau0_s'],
      ]),
    ),
    formula: false,
  },
  {
    model: /^Arrhenius .*segments$/,
    rename: (name) =>
      name
        .replace(/^log10y_kink(\d+)$/, 'log10y_kink_$1')
        .replace(/^Ea(\d+)_eV$/, 'Ea_$1_eV')
        .replace(/^Tkink(\d+)_K$/, 'Tkink_$1_K'),
    formula: true,
  },
  {
    model: /^Jonscher/,
    rename: lookup(
      new Map([
        ['sigmaDC', 'sigmaDC_S_per_cm'],
        ['nuc', 'nuc_Hz'],
      ]),
    ),
    formula: true,
  },
];

/** The object with its keys renamed, in their order. */
const renameKeys = (o: Json, rename: (key: string) => string): Json =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [rename(k), v]));

function renameFitParameters(fit: Json): void {
  const rule = PARAMETER_RENAMES.find(({ model }) => model.test(String(fit.model)));
  if (!rule) return;
  fit.params = renameKeys(fit.params as Json, rule.rename);
  fit.varyNames = (fit.varyNames as string[]).map(rule.rename);
  if (rule.formula) fit.formula = String(fit.formula).replace(/[A-Za-z][A-Za-z0-9_]*/g, rule.rename);
}

/**
 * One relaxlab/1 node (a result, or a fit inside one) under its relaxlab/2 names; the nodes it
 * contains are renamed on their own (migrate.ts visits every node).
 */
export function renameToRelaxlab2(node: Json): void {
  const kind = RENAMED_KINDS.get(node.kind);
  if (kind) node.kind = kind;
  for (const [before, after] of RENAMED_FIELDS.get(node.kind) ?? []) {
    if (!(before in node)) continue;
    node[after] = node[before];
    delete node[before];
  }
  switch (node.kind) {
    case 'FitResult':
      renameFitParameters(node);
      break;
    case 'JointBppResampling':
      node.parameters = renameKeys(node.parameters as Json, bppName);
      break;
    case 'JointBppResult':
      for (const d of node.datasets as Json[]) {
        const background = d.background as { params: Json };
        background.params = renameKeys(background.params, bppName);
      }
      break;
  }
}
