/**
 * The `Transient` data object (docs/ARCHITECTURE.md, "Data model"): what the readers make of a
 * file, plain JSON-compatible data so it round-trips through JSON unchanged (optional fields are
 * left out rather than set to undefined). Its experiment type is core's TransientExperiment.
 */
import type { ResultSchema, TransientExperiment } from '@relaxlab/core';

/** What a file's metadata (or the caller) says about the measurement. */
export interface TransientMetadata {
  experiment?: TransientExperiment;
  /** e.g. '17O', '7Li'. */
  nucleus?: string;
  larmor_MHz?: number;
  spinlock_kHz?: number;
  temperature_K?: number;
}

export type TransientFormat =
  | 'delimited'
  | 'topspin-ct1t2'
  | 'topspin-t1ints'
  /** Raw Bruker pseudo-2D FIDs (`ser`), processed by RelaxLab. */
  | 'bruker-ser'
  /** TopSpin's own processed pseudo-2D spectra (`pdata/N/2rr`). */
  | 'bruker-2rr'
  /** JCAMP-DX spectra (one pseudo-2D file, or a set of 1D files). */
  | 'jcamp-dx';

/** One file that went into a transient and the SHA-256 of its bytes (provenance). */
export interface InputFile {
  file: string;
  sha256: string;
}

/** How a spectrum region became one point of the transient. */
export interface SpectralRegionSource {
  /** The region in ppm, [high, low] as TopSpin writes it. */
  region_ppm: [number, number];
  /** 'integral': sum over the region times the point spacing (ppm); 'height': the extreme value. */
  measure: 'integral' | 'height';
  /** Where the region came from: given by the caller, TopSpin's intrng, or picked automatically. */
  regionFrom: 'option' | 'intrng' | 'auto';
}

export interface TransientSource {
  file: string;
  /** SHA-256 (hex) of the file's bytes; set when the data was read from disk. */
  sha256?: string;
  format: TransientFormat;
  /** Which headers became delay, signal and sigma (delimited files). */
  columns?: { delay: string; signal: string; sigma?: string };
  /** 1-based peak number in TopSpin relaxation-module files. */
  peak?: number;
  /** The peak position TopSpin reports in ct1t2.txt. */
  peak_ppm?: number;
  /** Spectra: the region each point was measured over (bruker-ser, bruker-2rr, jcamp-dx). */
  region?: SpectralRegionSource;
  /** Every file read to make this transient, with its SHA-256 (spectrometer data). */
  inputs?: InputFile[];
  /** Pulse program name as the spectrometer recorded it (acqus PULPROG). */
  pulseProgram?: string;
  /** Acquisition date (ISO 8601, UTC) from acqus DATE. */
  date?: string;
  /** Spin-lock power in W (acqus PLW of the level the pulse program's comments name as spin-lock). */
  spinlockPower_W?: number;
  /** The processing applied (FID → spectrum), in words and numbers; raw data only. */
  processing?: Record<string, number | string | boolean>;
  /** What the reader had to decide on its own (list/TD1 disagreements, missing temperature, ...). */
  warnings?: string[];
}

export interface Transient extends TransientMetadata {
  schema: ResultSchema;
  kind: 'Transient';
  delay_s: number[];
  signal: number[];
  sigma?: number[];
  source: TransientSource;
}

/** TopSpin's own fit from ct1t2.txt, kept to compare RelaxLab's fit against. */
export interface TopspinFit {
  /** Function name as TopSpin prints it, e.g. 'Saturation-Recovery(T1)'. */
  model: string;
  /** e.g. 'I[t]=I[0](1-exp(-t/T1))'. */
  formula?: string;
  /** What TopSpin fitted: 'INTENSITY' (peak heights) or 'INTEGRAL'/'AREA'. */
  fitted?: string;
  /**
   * Fitted values in SI (times in seconds). Names as printed with brackets dropped (I[0] → I0);
   * with several components each name gets the component number appended (T1_1, T1_2).
   */
  params: Record<string, number>;
  /** Residual sum of squares. */
  rss: number;
  /** TopSpin's SD; on the real file it equals sqrt(RSS / n). */
  sd: number;
  iterations?: number;
  /** TopSpin's fitted curve at each delay (its Calc column). */
  calc: number[];
}

export interface TopspinTransient extends Transient {
  topspinFit: TopspinFit;
}
