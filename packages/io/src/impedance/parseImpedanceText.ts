/**
 * One entry point for impedance text: the format is recognised from the content (not the file
 * extension, which users rename). Reading the file (Node) is readImpedanceFile.ts.
 */
import { InputError } from '@relaxlab/core';
import type { ConductivitySpectrum, ImpedanceFileFormat, ImpedanceSpectrum, PelletGeometry } from '@relaxlab/core';
import { isBioLogicText, parseBioLogicMptText } from './biologic';
import { parseImpedanceCsvText } from './csv';
import { isGamryText, parseGamryDtaText } from './gamry';
import { isWinDetaText, parseWinDetaText, WinDetaOptions } from './windeta';
import { isZPlotText, parseZPlotText } from './zplot';

export const IMPEDANCE_FORMATS: readonly ImpedanceFileFormat[] = ['zplot', 'biologic-mpt', 'gamry-dta', 'windeta', 'csv'];

export interface ReadImpedanceOptions extends WinDetaOptions {
  /** Force a format instead of recognising it. */
  format?: ImpedanceFileFormat;
}

export interface ImpedanceFileData {
  format: ImpedanceFileFormat;
  /** One spectrum per temperature block or cycle (most files hold one). */
  spectra: ImpedanceSpectrum[];
  /** σ′(ν) read directly (WinDETA Sig′ columns). */
  conductivity: ConductivitySpectrum[];
  geometry?: PelletGeometry;
}

/** The format of an impedance file's text, from its first lines. */
export function detectImpedanceFormat(text: string): ImpedanceFileFormat {
  if (isZPlotText(text)) return 'zplot';
  if (isBioLogicText(text)) return 'biologic-mpt';
  if (isGamryText(text)) return 'gamry-dta';
  if (isWinDetaText(text)) return 'windeta';
  return 'csv';
}

export function parseImpedanceText(text: string, source: string, options: ReadImpedanceOptions = {}, sha256?: string): ImpedanceFileData {
  const format = options.format ?? detectImpedanceFormat(text);
  if (!IMPEDANCE_FORMATS.includes(format)) {
    throw new InputError('unknown impedance format', {
      source,
      field: 'format',
      expected: IMPEDANCE_FORMATS.join(', '),
      found: JSON.stringify(format),
    });
  }
  switch (format) {
    case 'zplot':
      return { format, spectra: [parseZPlotText(text, source, sha256)], conductivity: [] };
    case 'biologic-mpt':
      return { format, spectra: parseBioLogicMptText(text, source, sha256), conductivity: [] };
    case 'gamry-dta':
      return { format, spectra: [parseGamryDtaText(text, source, sha256)], conductivity: [] };
    case 'windeta': {
      const w = parseWinDetaText(text, source, sha256, options);
      return { format, spectra: w.impedance, conductivity: w.conductivity, ...(w.geometry && { geometry: w.geometry }) };
    }
    case 'csv':
      return { format, spectra: [parseImpedanceCsvText(text, source, sha256)], conductivity: [] };
  }
}
