/** Reading a delimited table from a file (Node): the parser is parse.ts, which the browser entry has too. */
import { readSourceFile } from '../fileSource';
import { parseDelimitedText, Table } from './parse';

export function readDelimitedFile(path: string): Table {
  const file = readSourceFile(path);
  return { ...parseDelimitedText(file.text, { source: path }), sha256: file.sha256 };
}
