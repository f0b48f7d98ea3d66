/**
 * Data objects of the impedance side (docs/ARCHITECTURE.md, "Data model"): plain JSON that
 * round-trips unchanged between readers, core, CLI and notebooks.
 *
 * Sign convention, everywhere in RelaxLab: Z(ω) = Z′ + jZ″ with the engineering convention
 * e^(jωt), so a capacitor has Z″ = −1/(ωC) < 0. `zImag_ohm` holds Z″ itself (negative for the
 * capacitive arcs of an ion conductor), never −Z″; readers of files that store −Z″ (BioLogic
 * `-Im(Z)/Ohm`, many CSV exports) negate on reading and say so in `source.imagStoredAs`.
 */
import type { ResultSchema } from '../schema';

/** A value with its one-standard-deviation uncertainty: the project's one Estimate type. */
export type { Estimate } from '../arrhenius/types';

/** Pellet geometry for σ = l/(R·A): thickness l and electrode area A, with optional uncertainties. */
export interface PelletGeometry {
  thickness_cm: number;
  area_cm2: number;
  thicknessStderr_cm?: number;
  areaStderr_cm2?: number;
}

export type ImpedanceFileFormat = 'zplot' | 'biologic-mpt' | 'gamry-dta' | 'windeta' | 'csv';

export interface ImpedanceSource {
  file: string;
  sha256?: string;
  format: ImpedanceFileFormat;
  /** How the file stored the imaginary part: 'Z″' as is, or '−Z″' (negated on reading). */
  imagStoredAs: 'Z″' | '−Z″';
  /** 1-based block number in files with several temperature blocks (WinDETA). */
  block?: number;
}

export interface ImpedanceSpectrum {
  schema: ResultSchema;
  kind: 'ImpedanceSpectrum';
  frequency_Hz: number[];
  /** Z′ in Ω. */
  zReal_ohm: number[];
  /** Z″ in Ω, negative for a capacitive response (see the sign convention above). */
  zImag_ohm: number[];
  temperature_K?: number;
  geometry?: PelletGeometry;
  source?: ImpedanceSource;
  /** What a reader noticed and the user should know (dropped rows, assumed conventions). */
  warnings?: string[];
}

/** The real part of the complex conductivity σ′(ν) at one temperature (an isotherm). */
export interface ConductivitySpectrum {
  schema: ResultSchema;
  kind: 'ConductivitySpectrum';
  frequency_Hz: number[];
  sigmaReal_S_per_cm: number[];
  temperature_K?: number;
  source?: { file: string; sha256?: string; format: ImpedanceFileFormat; block?: number };
}
