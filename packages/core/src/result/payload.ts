/**
 * The payloads of a RelaxLab notebook output (RELAXLAB_RESULT_MIME), defined once for the kernel
 * that sends them, the JupyterLab renderer that reads them, the file viewer that makes some of
 * them from files, and the tests. Every payload is a JSON object with `schema` and `kind`; the
 * result types themselves live beside the analysis that makes them (FitResult in fit/, the
 * Arrhenius results in arrhenius/, ...), the containers that exist only to be shown live here.
 */
import type { RateArrheniusResult } from '../arrhenius/rateArrhenius';
import type { ArrheniusData, ArrheniusQuantity, ArrheniusResult, RatePeakFlanks, SegmentedArrheniusResult } from '../arrhenius/types';
import type { FitResult } from '../fit/types';
import type { CircuitFitResult } from '../impedance/fitCircuit';
import type { ImpedanceSpectrumAnalysis } from '../impedance/analysis';
import type { ImpedanceSeriesAnalysis } from '../impedance/series';
import type { JonscherResult } from '../impedance/jonscher';
import type { DrtResult, RelaxationDistribution } from '../inversion/types';
import type { LineNarrowingResult } from '../narrowing/fit';
import type { TransientAnalysis } from '../relaxation/analyzeTransient';
import type { RateAnalysis } from '../spectral/analyzeRates';
import type { JointBppResampling } from '../spectral/resampling';
import type { JointBppResult } from '../spectral/types';
import type { CrossLinkResult } from '../transport/crossLink';
import type { TrajectoryTransport } from '../md/analyze';
import type { ResultSchema } from '../schema';

/** Several σ′(ν) isotherms with their Jonscher fits, shown as one chart. */
export interface JonscherIsotherms {
  schema: ResultSchema;
  kind: 'JonscherIsotherms';
  fits: JonscherResult[];
}

/** Raw data shown under a result (a file's columns), already formatted as text. */
export interface DataTable {
  columns: string[];
  rows: string[][];
}

/** What the viewer shows of a file that is no fit: a summary, its table, and what was odd about it. */
interface FileView {
  schema: ResultSchema;
  sample: string;
  /** [label, text] pairs: format, rows, frequency range, the file's `# key: value` lines. */
  summary: Array<[string, string]>;
  table: DataTable;
  warnings: string[];
}

/** An impedance file (ZPlot, BioLogic, Gamry, WinDETA, CSV) as read. */
export interface ImpedanceFileView extends FileView {
  kind: 'ImpedanceFileView';
  format: string;
}

/** A table with a temperature column and one Arrhenius quantity: its points, and for rates the lines every face fits them. */
export interface ArrheniusTableView extends FileView {
  kind: 'ArrheniusTableView';
  points: ArrheniusData & { label: string; quantity: ArrheniusQuantity };
  /** Rates only: fitRateArrhenius of the points. */
  arrhenius?: RateArrheniusResult;
}

/** Any other table: its columns. */
export interface DataTableView extends FileView {
  kind: 'DataTableView';
}

/** What the analyses return: the results a notebook shows. */
export type AnalysisResult =
  | FitResult
  | TransientAnalysis
  | ArrheniusResult
  | SegmentedArrheniusResult
  | RatePeakFlanks
  | RateArrheniusResult
  | RateAnalysis
  | JointBppResult
  | LineNarrowingResult
  | CircuitFitResult
  | ImpedanceSpectrumAnalysis
  | ImpedanceSeriesAnalysis
  | JonscherResult
  | CrossLinkResult
  | TrajectoryTransport
  | RelaxationDistribution
  | DrtResult;

/** Every payload core defines; a renderer reads any other `kind` generically. */
export type ResultPayload =
  AnalysisResult | JointBppResampling | JonscherIsotherms | ImpedanceFileView | ArrheniusTableView | DataTableView;
