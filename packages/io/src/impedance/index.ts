/** Impedance readers: ZPlot/ZView .z, BioLogic .mpt, Gamry .DTA, Novocontrol WinDETA ASCII, CSV. */
export { parseZPlotText } from './zplot';
export { parseBioLogicMptText } from './biologic';
export { parseGamryDtaText } from './gamry';
export { parseWinDetaText } from './windeta';
export type { WinDetaData, WinDetaOptions } from './windeta';
export { parseImpedanceCsvText } from './csv';
export { readImpedanceFile, parseImpedanceText, detectImpedanceFormat, IMPEDANCE_FORMATS } from './readImpedanceFile';
export type { ImpedanceFileData, ReadImpedanceOptions } from './readImpedanceFile';
