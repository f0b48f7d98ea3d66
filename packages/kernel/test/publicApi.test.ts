/**
 * What `import * as rl from "@relaxlab/kernel"` offers a notebook, written out: the readers, the
 * analyses, show and showChart at the top, the groups (rl.plots, rl.io, rl.physics, rl.simulate,
 * rl.reports, rl.display), and the types of what the top-level functions take and return. A name
 * added or removed changes these lists, so the API grows on purpose. The internals the kernel used
 * to pass on (export * of core, io and plots: ~350 runtime names) are reachable from no public entry.
 */
import { join } from 'path';
import * as ts from 'typescript';
import * as rl from '@relaxlab/kernel';
import * as core from '@relaxlab/core';
import * as io from '@relaxlab/io';
import * as ioBrowser from '@relaxlab/io/browser';
import * as plots from '@relaxlab/plots';
import { ROOT } from './support';

const GROUPS = {
  plots: [
    'arrheniusChart',
    'arrheniusFitLine',
    'arrheniusFitPoints',
    'bodeChart',
    'bppCurves',
    'conductivityIsothermChart',
    'crossLinkChart',
    'drtChart',
    'flankLines',
    'impedanceChart',
    'jointBppChart',
    'jumpRateLine',
    'lineNarrowingChart',
    'msdChart',
    'modelComparisonChart',
    'nyquistChart',
    'parameterSummary',
    'rateArrheniusChart',
    'rateArrheniusLines',
    'rateLineName',
    'rateSeriesPoints',
    'relaxationDistributionChart',
    'segmentedArrheniusChart',
    'sigmaTArrheniusChart',
    'toPNG',
    'toSVG',
    'transientComparisonChart',
    'transientFitChart',
    'transientSeriesChart',
  ],
  io: [
    'IMPEDANCE_FORMATS',
    'TRAJECTORY_FORMATS',
    'detectImpedanceFormat',
    'detectTransientFormat',
    'findColumn',
    'importRelaxationData',
    'parseCt1t2Text',
    'parseDelimitedText',
    'parseExperiment',
    'parseImpedanceText',
    'parseT1intsText',
    'parseUnit',
    'readBrukerRelaxation',
    'readCt1t2File',
    'readDelimitedFile',
    'readImpedanceFile',
    'readJcampRelaxation',
    'readLammpsData',
    'readSourceFile',
    'readT1intsFile',
    'readTrajectory',
    'readTransientFile',
    'readVtSeries',
    'tableToArrheniusData',
    'tableToLinewidthSeries',
    'tableToRateSeries',
    'tableToTransient',
    'trajectoryFormatOf',
  ],
  physics: [
    'ABRAGAM_ALPHA',
    'AVOGADRO_per_mol',
    'BOLTZMANN_J_per_K',
    'BOLTZMANN_eV_per_K',
    'ELEMENTARY_CHARGE_C',
    'GAS_CONSTANT_J_per_mol_K',
    'KJ_PER_MOL_PER_EV',
    'NUCLEI',
    'PLANCK_J_s',
    'VACUUM_PERMITTIVITY_F_per_cm',
    'VACUUM_PERMITTIVITY_F_per_m',
    'WAUGH_FEDIN_eV_per_K',
    'ZERO_CELSIUS_K',
    'brugCapacitance_F',
    'cellConstant_per_cm',
    'celsiusToKelvin',
    'circuitImpedance',
    'conductivityFromArrhenius_S_per_cm',
    'conductivityFromResistance',
    'correlationTime_s',
    'cpeCapacitance',
    'eVToKJPerMol',
    'einsteinSmoluchowskiDiffusion_m2_per_s',
    'fieldFromLarmor_T',
    'getNucleus',
    'havenRatio',
    'hoppingConductivity_S_per_cm',
    'hsuMansfeldCapacitance_F',
    'jonscherConductivity_S_per_cm',
    'jumpRate_per_s',
    'kJPerMolToEV',
    'kelvinToCelsius',
    'larmorAngularFrequency_rad_per_s',
    'larmorFrequency_MHz',
    'lineWidth_Hz',
    'nernstEinsteinConductivity_S_per_cm',
    'nernstEinsteinDiffusion_m2_per_s',
    'ngaiCoupling',
    'numberDensityFromConcentration_per_cm3',
    'parseCircuit',
    'relaxationRate_per_s',
    'residenceJumpRate_per_s',
    'residenceTime_s',
    'spectralDensity',
    'spinLockAngularFrequency_rad_per_s',
    'waughFedinActivationEnergy_eV',
  ],
  simulate: [
    'cpeCoefficientForCapacitance',
    'gaussian',
    'impedanceFrequencies_Hz',
    'inverseTemperatureGrid_K',
    'mulberry32',
    'simulateImpedanceSpectrum',
    'simulateRateSeries',
    'simulateWalkers',
  ],
  reports: [
    'KINK_TEST_NOTE',
    'arrheniusReport',
    'crossLinkReport',
    'crossLinkRows',
    'drtReport',
    'fitLabel',
    'fitReport',
    'formatEstimate',
    'formatNumber',
    'formatQuantity',
    'impedanceSeriesReport',
    'impedanceSpectrumReport',
    'jointBppReport',
    'kinkTestSummary',
    'lineNarrowingReport',
    'modelComparisonReport',
    'rateArrheniusReport',
    'ratePeakFlanksReport',
    'relaxationDistributionReport',
    'segmentedArrheniusReport',
    'trajectoryTransportReport',
  ],
  display: [
    'RELAXLAB_RESULT_MIME',
    'RESULT_SCHEMA',
    'VEGALITE_V5_MIME',
    'canDisplayRich',
    'migrateResult',
    'mimeBundle',
    'publishDisplayData',
    'setDisplaySink',
  ],
};

const READERS = [
  'readArrheniusData',
  'readConductivity',
  'readImpedance',
  'readJson',
  'readLinewidths',
  'readRateSeries',
  'readRelaxationData',
  'readResult',
  'readTrajectory',
  'readTransient',
];
const ANALYSES = [
  'analyzeTrajectory',
  'analyzeImpedanceSeries',
  'analyzeImpedanceSpectrum',
  'analyzeRates',
  'analyzeTransient',
  'assignBlocks',
  'bootstrapJointBpp',
  'collectTrajectory',
  'compareFits',
  'compareTransientModels',
  'conductivitySpectrum',
  'crossLink',
  'curveFit',
  'dcPlateau',
  'distributionOfRelaxationTimes',
  'estimateFromFit',
  'findRatePeakFlanks',
  'fitArrhenius',
  'fitCircuit',
  'fitCircuitGlobal',
  'fitConductivityArrhenius',
  'fitJointBpp',
  'fitJonscher',
  'fitLineNarrowing',
  'fitRateArrhenius',
  'fitSegmentedArrhenius',
  'fitTransient',
  'fitTransientBatch',
  'flankAsymptoteWarnings',
  'linKK',
  'monteCarloJointBpp',
  'predictArrhenius',
  'rateSeriesArrhenius',
  'rateSeriesData',
  'rateSeriesFromFits',
  'relaxationDistribution',
  'summerfieldScaling',
  'testArrheniusKink',
  'trajectoryArrhenius',
];
const TOP = [...READERS, ...ANALYSES, 'show', 'showChart', 'formatValueError', 'InputError'];

const TOP_TYPES = [
  'AnalysisResult',
  'AnalyzeRatesOptions',
  'AnalyzeTransientOptions',
  'ArrheniusData',
  'ArrheniusKinkTest',
  'ArrheniusKinkTestOptions',
  'ArrheniusOptions',
  'ArrheniusPrediction',
  'ArrheniusQuantity',
  'ArrheniusResult',
  'BandSummary',
  'BlockAssignment',
  'CircuitFitOptions',
  'CircuitFitResult',
  'CollectOptions',
  'ConductivityCrossLinkInput',
  'ConductivityData',
  'ConductivitySpectrum',
  'CrossLinkOptions',
  'CrossLinkResult',
  'CurveFitInput',
  'CurveFitOptions',
  'DcPlateau',
  'DcPlateauOptions',
  'Discretisation',
  'Displayable',
  'DrtOptions',
  'DrtPart',
  'DrtPeak',
  'DrtResult',
  'Estimate',
  'FitParameter',
  'FitResult',
  'FitTransientOptions',
  'FittedRateSeries',
  'FittedTransientRate',
  'GlobalCircuitFitOptions',
  'GlobalCircuitFitResult',
  'GridOptions',
  'HoppingGeometry',
  'ImpedanceAnalysisOptions',
  'ImpedanceFileFormat',
  'ImpedanceSeriesAnalysis',
  'ImpedanceSeriesOptions',
  'ImpedanceSpectrum',
  'ImpedanceSpectrumAnalysis',
  'ImpedanceWeighting',
  'InputErrorDetails',
  'InversionOptions',
  'JointBppOptions',
  'JointBppResampling',
  'JointBppResult',
  'JointParameterKind',
  'JonscherOptions',
  'JonscherResult',
  'LambdaMethod',
  'LambdaOptions',
  'LinKKOptions',
  'LinKKResult',
  'LineNarrowingOptions',
  'LineNarrowingResult',
  'LinewidthPoint',
  'LinewidthSeries',
  'ModelComparison',
  'NmrCrossLinkInput',
  'ParamInput',
  'ParamsInput',
  'PeakPosition',
  'PelletGeometry',
  'PenaltyOrder',
  'RateAnalysis',
  'RateArrheniusLine',
  'RateArrheniusOptions',
  'RateArrheniusResult',
  'RateExperiment',
  'RatePeakFlankOptions',
  'RatePeakFlanks',
  'RatePoint',
  'RateSeries',
  'ReadRateSeriesOptions',
  'ReadTrajectoryOptions',
  'RegularisationSummary',
  'RelaxationDistribution',
  'RelaxationDistributionOptions',
  'RelaxationKernel',
  'RelaxationPeak',
  'ResamplingOptions',
  'ResultShowOptions',
  'SegmentedArrheniusOptions',
  'SegmentedArrheniusResult',
  'ShowOptions',
  'SpectrumData',
  'SummerfieldIsotherm',
  'SummerfieldResult',
  'Trajectory',
  'TrajectoryAnalysisOptions',
  'TrajectoryArrhenius',
  'TrajectoryTransport',
  'TransientAnalysis',
  'TransientBatchInput',
  'TransientBatchOptions',
  'TransientBatchResult',
  'TransientComparison',
  'TransientExperiment',
  'TransientInput',
  'TransientModelChoice',
  'TransientModelName',
];

/** Internals, by the source file that defines them: steps of an analysis, not analyses. */
const INTERNALS: Record<string, string[]> = {
  'core/src/fit/levenbergMarquardt': ['LevenbergMarquardt', 'STOP_MESSAGES'],
  'core/src/fit/curveFit': ['residualProblem'],
  'core/src/fit/covariance': ['covarianceFromJacobian'],
  'core/src/fit/result': ['fitStatistics'],
  'core/src/relaxation/fitTransient': ['checkDelays', 'resolveModelChoice', 'resolveParams', 'transientFitSpec', 'TRANSIENT_FTOL'],
  'core/src/relaxation/startValues': [
    'linearAmplitudes',
    'timeConstantGrid',
    'bestTimeConstant',
    'relaxationGrid',
    'kohlrauschLinearization',
  ],
  'core/src/relaxation/models': ['recoveryModel', 'decayModel'],
  'core/src/impedance/startValues': ['estimateStartValues'],
  'core/src/impedance/startGrid': ['gridStarts'],
  'core/src/impedance/fitCircuit': ['circuitModel'],
  'core/src/impedance/spectrum': ['checkSpectrum'],
  'core/src/impedance/blocks': ['circuitBlocks', 'interchangeableGroups'],
  'io/src/bruker/ser': ['readSerRows', 'serRowWords'],
  'io/src/bruker/processedData': ['readProcs', 'readProcessed2rr'],
  'io/src/processing/fidToSpectrum': ['fidToSpectrum', 'nextPowerOfTwo'],
  'io/src/processing/integrate': ['measureRegion'],
  'io/src/delimited/parse': ['detectDelimiter', 'splitHeader'],
  'plots/src/spec': ['topLevel', 'PUBLICATION_CONFIG'],
  'plots/src/arrhenius': ['arrheniusPanel'],
  'plots/src/impedance': ['impedanceRow', 'nyquistOf'],
  'plots/src/transient': ['residualPanel'],
  'plots/src/distribution': ['distributionPanel', 'peakTauText', 'decadeLabels'],
  'core/src/inversion/engine': ['chooseLambda', 'RegularisedSolver'],
};

/** Every runtime name reachable from an entry, its groups' names as group.name. */
function runtimeNames(entry: Record<string, unknown>, groups: string[] = []): string[] {
  return Object.keys(entry).flatMap((name) =>
    groups.includes(name) ? Object.keys(entry[name] as object).map((inner) => `${name}.${inner}`) : [name],
  );
}

/** The type-only names the kernel's entry exports at the top level, read by the TypeScript checker. */
function topLevelTypes(): string[] {
  const entry = join(ROOT, 'packages', 'kernel', 'src', 'index.ts');
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2020,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    baseUrl: ROOT,
    paths: { '@relaxlab/*': ['packages/*/src'] },
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker
    .getExportsOfModule(module)
    .filter((symbol) => !((symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol).flags & ts.SymbolFlags.Value))
    .map((symbol) => symbol.name)
    .sort();
}

describe('the kernel API, name by name', () => {
  test('the top level: the readers, the analyses, show and showChart, formatValueError, InputError, and the six groups', () => {
    expect(Object.keys(rl).sort()).toEqual([...TOP, ...Object.keys(GROUPS)].sort());
  });

  test.each(Object.entries(GROUPS))('rl.%s', (group, names) => {
    expect(Object.keys((rl as unknown as Record<string, object>)[group]).sort()).toEqual([...names].sort());
  });

  test('the types at the top level: what the top-level functions take and return', () => {
    expect(topLevelTypes()).toEqual([...TOP_TYPES].sort());
  });

  test("each group is its package's public entry or core's functions as they are, not copies", () => {
    expect(rl.plots).toBe(plots);
    expect(rl.io).toBe(io);
    for (const group of ['physics', 'simulate', 'reports'] as const) {
      for (const [name, value] of Object.entries(rl[group]))
        expect({ name, same: value === (core as Record<string, unknown>)[name] }).toEqual({ name, same: true });
    }
  });
});

describe('internals stay inside', () => {
  const publicNames = new Set([
    ...runtimeNames(rl, Object.keys(GROUPS)).map((name) => name.replace(/^[a-z]+\./, '')),
    ...Object.keys(core),
    ...Object.keys(io),
    ...Object.keys(ioBrowser),
    ...Object.keys(plots),
  ]);

  test.each(Object.entries(INTERNALS))(
    '%s: defined there, exported by no public entry (kernel, core, io, io/browser, plots)',
    (file, names) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(join(ROOT, 'packages', file)) as Record<string, unknown>;
      expect(names.filter((name) => module[name] === undefined)).toEqual([]);
      expect(names.filter((name) => publicNames.has(name))).toEqual([]);
    },
  );
});
