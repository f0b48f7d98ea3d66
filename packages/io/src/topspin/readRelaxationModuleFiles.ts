/** Reading TopSpin's relaxation-module files (Node); the parsers are in relaxationModule.ts. */
import { readSourceFile } from '../fileSource';
import type { TopspinTransient, Transient } from '../types';
import { parseCt1t2Text, parseT1intsText } from './relaxationModule';

export function readCt1t2File(path: string): TopspinTransient[] {
  const file = readSourceFile(path);
  return parseCt1t2Text(file.text, { source: path, sha256: file.sha256 });
}

export function readT1intsFile(path: string): Transient[] {
  const file = readSourceFile(path);
  return parseT1intsText(file.text, { source: path, sha256: file.sha256 });
}
