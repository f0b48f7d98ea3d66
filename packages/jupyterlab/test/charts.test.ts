/** The plugin's own charts are valid Vega-Lite v5 with the brush and the replaceable fit line. */
import { brushSource, refitWindow } from '../src/arrheniusWindow';
import { BRUSH, brushChartSpec, FIT_DATASET, xyChartSpec } from '../src/charts';
import { vegaLiteSchemaErrors } from '../../../test/support/vegaLiteSchema';
import { kinkedSigmaT } from './synthetic';

test('the brush chart: valid, an x-interval selection, all points, the fit as a named dataset', () => {
  const data = kinkedSigmaT({ ea1_eV: 1.0, ea2_eV: 0.3, kink_K: 330, from_K: 250, to_K: 420, count: 20, noise: 0.03, seed: 3 });
  const source = brushSource({ kind: 'ArrheniusTableView', points: data })!;
  const refit = refitWindow(source, [250, 420]);
  const spec = brushChartSpec(source.series, refit.series, '<img src=x onerror=alert(1)>') as any;
  expect(vegaLiteSchemaErrors(spec)).toBe('');
  expect(spec.layer[0].params).toEqual([{ name: BRUSH, select: { type: 'interval', encodings: ['x'] } }]);
  expect(spec.datasets.points).toHaveLength(20);
  expect(spec.datasets.points[0]).toMatchObject({ inverseT: 1000 / 250, value: data.value[0] });
  expect(spec.datasets[FIT_DATASET]).toHaveLength(20);
  expect(spec.layer[1].data).toEqual({ name: FIT_DATASET });
  expect(spec.title.text).toBe('<img src=x onerror=alert(1)>');
});

test('xy charts use log axes only where every value is positive', () => {
  const spec = xyChartSpec([{ label: 'a', x: [1, 10, 100], y: [-1, 0, 1] }], {
    title: 't',
    xTitle: 'x',
    yTitle: 'y',
    logX: true,
    logY: true,
  }) as any;
  expect(vegaLiteSchemaErrors(spec)).toBe('');
  expect(spec.layer[0].encoding.x.scale).toEqual({ type: 'log' });
  expect(spec.layer[0].encoding.y.scale).toEqual({ zero: false });
});
