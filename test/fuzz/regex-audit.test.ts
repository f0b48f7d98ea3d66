/**
 * Issue 17, case 3: no regular expression in the readers or the command line backtracks
 * super-linearly (recheck's verdict on every literal in packages/io/src and packages/cli/src).
 * A `# key: value` pattern cubic in the line's length made `fit` take 20 s on `#` + 4,000 blanks.
 */
import { join } from 'path';
import { auditRegexes } from './regexAudit';

test('every regex literal in packages/io and packages/cli is linear-time (recheck)', () => {
  const { checked, findings } = auditRegexes(join(__dirname, '..', '..'), ['packages/io/src', 'packages/cli/src']);
  expect(checked).toBeGreaterThan(100);
  expect(findings).toEqual([]);
}, 300_000);
