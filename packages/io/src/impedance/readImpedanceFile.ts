/** Reading an impedance file (Node): once, with the SHA-256 of its bytes recorded. */
import { readSourceFile } from '../fileSource';
import { ImpedanceFileData, parseImpedanceText, ReadImpedanceOptions } from './parseImpedanceText';

/** Reads an impedance file of any supported format (see IMPEDANCE_FORMATS). */
export function readImpedanceFile(path: string, options: ReadImpedanceOptions = {}): ImpedanceFileData {
  const file = readSourceFile(path);
  return parseImpedanceText(file.text, path, options, file.sha256);
}
