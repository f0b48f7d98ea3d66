/** Where the launcher's copies of the templates go: work/ at the depth of the templates folder, so their ../examples/ paths resolve. */
import { workDirectoryOf } from '../src/templates';

test.each([
  ['notebooks', 'work'],
  ['notebooks/', 'work'],
  ['analysis/templates', 'analysis/work'],
])('templates in %s → copies in %s', (templates, work) => {
  expect(workDirectoryOf(templates)).toBe(work);
});
