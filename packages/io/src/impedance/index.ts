/** Impedance text parsers: ZPlot/ZView .z, BioLogic .mpt, Gamry .DTA, Novocontrol WinDETA ASCII, CSV (the file reader, for Node, is readImpedanceFile.ts). */
export { parseZPlotText } from './zplot';
export { parseBioLogicMptText } from './biologic';
export { parseGamryDtaText } from './gamry';
export { parseWinDetaText } from './windeta';
export type { WinDetaData, WinDetaOptions } from './windeta';
export { parseImpedanceCsvText } from './csv';
export { parseImpedanceText, detectImpedanceFormat, IMPEDANCE_FORMATS } from './parseImpedanceText';
export type { ImpedanceFileData, ReadImpedanceOptions } from './parseImpedanceText';
