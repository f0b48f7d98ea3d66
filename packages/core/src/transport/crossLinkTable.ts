/** The cross-link as table rows (NMR | DC side by side) and as text a scientist can paste. */
import { formatEstimate } from '../fit/format';
import { kinkTestSummary, KINK_TEST_NOTE } from '../arrhenius/kinkTestSummary';
import type { CrossLinkResult } from './crossLink';

export interface CrossLinkRow {
  quantity: string;
  nmr: string;
  conductivity: string;
  note: string;
}

export function crossLinkRows(r: CrossLinkResult): CrossLinkRow[] {
  const rows: CrossLinkRow[] = [];
  for (const g of r.regimes) {
    const [lo, hi] = g.temperatureRange_K;
    rows.push({
      quantity: `Ea regime ${g.regime} (${lo.toFixed(0)}–${hi.toFixed(0)} K)`,
      nmr: formatEstimate(g.nmr_eV, 'eV'),
      conductivity: formatEstimate(g.conductivity_eV, 'eV'),
      note: g.nmr_eV ? 'NMR energy compared with this regime' : '',
    });
  }
  for (const [k, b] of r.conductivityArrhenius.breakpoints.entries()) {
    rows.push({
      quantity: `kink ${k + 1} temperature`,
      nmr: '-',
      conductivity: formatEstimate(b.temperature_K, 'K'),
      note: `95 % CI ${b.ci95_K[0].toFixed(1)}–${b.ci95_K[1].toFixed(1)} K (profile likelihood)`,
    });
  }
  // BIC chose the segments; Davies' p says whether one kink beats one straight line at all
  const kink = kinkTestSummary(r.conductivityArrhenius);
  rows.push({ quantity: 'kink test (Davies)', nmr: '-', conductivity: kink.text, note: kink.test ? KINK_TEST_NOTE : '' });
  const n = r.ngai;
  if (n.fromConductivityKink) {
    rows.push({
      quantity: 'Ngai n = 1 − Ea(II)/Ea(I) from the σT kink',
      nmr: '-',
      conductivity: formatEstimate(n.fromConductivityKink),
      note: '',
    });
  }
  if (n.jonscherExponent)
    rows.push({ quantity: 'Jonscher exponent p', nmr: '-', conductivity: formatEstimate(n.jonscherExponent), note: '' });
  if (n.kinkMinusJonscher) rows.push({ quantity: 'n(kink) − p', nmr: '-', conductivity: formatEstimate(n.kinkMinusJonscher), note: '' });
  rows.push({
    quantity: 'Ngai n = 1 − Ea,NMR/Ea,DC',
    nmr: formatEstimate(n.fromNmrVsDc),
    conductivity: '',
    note: `DC regime ${r.regimes[r.comparedRegime].regime}`,
  });
  for (const a of r.atTemperatures) {
    rows.push({
      quantity: `σ at ${a.temperature_K.toFixed(1)} K`,
      nmr: formatEstimate(a.predictedConductivity_S_per_cm, 'S/cm'),
      conductivity: formatEstimate(a.measuredConductivity_S_per_cm, 'S/cm'),
      note: `H_R = D_NMR/Dσ = ${formatEstimate(a.havenRatio)}${a.extrapolated ? ' (σDC extrapolated)' : ''}`,
    });
  }
  if (r.md) {
    if (r.md.tracerActivationEnergy_eV) {
      rows.push({
        quantity: 'Ea of D* (MD)',
        nmr: '-',
        conductivity: '-',
        note: `MD: ${formatEstimate(r.md.tracerActivationEnergy_eV, 'eV')}`,
      });
    }
    for (const a of r.md.atTemperatures) {
      rows.push({
        quantity: `D at ${a.temperature_K.toFixed(1)} K (MD D* = ${formatEstimate(a.tracerDiffusion_m2_per_s, 'm²/s')})`,
        nmr: a.nmrDiffusion_m2_per_s ? formatEstimate(a.nmrDiffusion_m2_per_s, 'm²/s') : '-',
        conductivity: formatEstimate(a.conductivityDiffusion_m2_per_s, 'm²/s'),
        note: `H_R = D*(MD)/Dσ(DC) = ${formatEstimate(a.havenRatio)}; MD's own D*/D_σ = ${Number.isFinite(a.havenRatioMd.value) ? formatEstimate(a.havenRatioMd) : '-'}${a.extrapolated ? ' (σDC extrapolated)' : ''}`,
      });
    }
  }
  return rows;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - [...s].length));
}

export function crossLinkReport(r: CrossLinkResult): string {
  const rows = crossLinkRows(r);
  const header: CrossLinkRow = { quantity: 'quantity', nmr: r.nmrLabel, conductivity: r.conductivityLabel, note: '' };
  const all = [header, ...rows];
  const w = (key: keyof CrossLinkRow) => Math.max(...all.map((row) => [...row[key]].length));
  const widths = { quantity: w('quantity'), nmr: w('nmr'), conductivity: w('conductivity') };
  const line = (row: CrossLinkRow) =>
    `    ${pad(row.quantity, widths.quantity)}  ${pad(row.nmr, widths.nmr)}  ${pad(row.conductivity, widths.conductivity)}  ${row.note}`.trimEnd();
  const out = ['[[NMR <-> DC cross-link]]', line(header), ...rows.map(line)];
  if (r.hopping) {
    const h = r.hopping;
    out.push(
      `    hopping model: N/V = ${formatEstimate(h.numberDensity_per_cm3, 'cm^-3')}, a = ${formatEstimate(h.jumpDistance_m, 'm')}, d = ${h.dimensionality}, z = ${h.chargeNumber}, ` +
        `rates are ${h.jumpRateKind === 'correlation' ? `tau_c^-1 (tau_res = ${h.residencePerCorrelation}·tau_c)` : 'residence jump rates'}`,
    );
  }
  for (const warning of r.warnings) out.push(`    ## Warning: ${warning}`);
  return out.join('\n');
}
