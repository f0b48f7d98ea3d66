/**
 * The report's sections as HTML, from results.json's content: summary of the activation energies,
 * what failed and why, the rate table, the BPP and cross-link physics, the per-transient parameter
 * table, the text reports, the inputs with their SHA-256, software versions and the config.
 */
import { crossLinkRows, eVToKJPerMol, fitReport, formatEstimate } from '@relaxlab/core';
import type { Estimate, FitResult } from '@relaxlab/core';
import type { StudyResult } from '../results';
import { esc, pre, section, table } from './html';

const num = (html: string): string => `<span class="num">${html}</span>`;
const est = (e: Estimate | null | undefined, unit = ''): string => esc(formatEstimate(e ?? null, unit));
const kJ = (e: Estimate | null | undefined): string =>
  e ? est({ value: eVToKJPerMol(e.value), stderr: e.stderr === null ? null : eVToKJPerMol(e.stderr) }, 'kJ/mol') : '-';
const kelvin = (t: number): string => `${Number(t.toFixed(1))}`;

export function headerSection(r: StudyResult): string {
  const config = r.command.config
    ? `${esc(r.command.config.file)} (sha256 ${esc(r.command.config.sha256.slice(0, 12))}…)`
    : 'none (defaults)';
  return [
    `<h1>${esc(r.title)}</h1>`,
    `<p><span class="status ${r.status}">${r.status === 'complete' ? 'complete' : 'partial: some inputs failed'}</span></p>`,
    '<p class="meta">',
    `data folder <code>${esc(r.command.data)}</code> · config ${config}<br>`,
    `${esc(r.software.name)} ${esc(r.software.version)} · Node ${esc(r.software.node)}${r.software.vegaLite ? ` · Vega-Lite ${esc(r.software.vegaLite)}` : ''} · created ${esc(r.createdAt)}<br>`,
    `${r.inputs.filter((i) => i.status === 'ok').length} of ${r.inputs.length} inputs read · ${r.transients.length} transients fitted · ${r.rateSeries.length} rate series`,
    '</p>',
  ].join('\n');
}

/** Every activation energy of the study in one table: flank/window lines, joint BPP, cross-link. */
export function summarySection(r: StudyResult): string {
  const rows: string[][] = [];
  for (const a of r.arrhenius) {
    for (const l of a.lines) {
      const what = l.side === 'all' ? 'one line, all points' : `${l.side}-T flank${l.from === 'config' ? ' (config window)' : ''}`;
      rows.push([
        esc(a.series),
        esc(what),
        num(`${kelvin(l.window_K[0])}–${kelvin(l.window_K[1])} K`),
        num(String(l.arrhenius.n)),
        num(est(l.arrhenius.activationEnergy_eV, 'eV')),
        num(kJ(l.arrhenius.activationEnergy_eV)),
      ]);
    }
  }
  const b = r.bpp?.result;
  if (b) {
    const all = esc(r.bpp?.series.join(' + '));
    rows.push([
      all,
      'joint BPP fit: Ea',
      '',
      num(String(b.fit.stats.n)),
      num(est(b.activationEnergy_eV, 'eV')),
      num(kJ(b.activationEnergy_eV)),
    ]);
    if (b.lowTemperatureFlank_eV)
      rows.push([
        all,
        'joint BPP fit: low-T flank (β − 1)·Ea',
        '',
        '',
        num(est(b.lowTemperatureFlank_eV, 'eV')),
        num(kJ(b.lowTemperatureFlank_eV)),
      ]);
  }
  const link = r.crossLink?.result;
  if (link) {
    for (const g of link.regimes) {
      rows.push([
        esc(link.conductivityLabel),
        esc(`σT regime ${g.regime}`),
        num(`${kelvin(g.temperatureRange_K[0])}–${kelvin(g.temperatureRange_K[1])} K`),
        '',
        num(est(g.conductivity_eV, 'eV')),
        num(kJ(g.conductivity_eV)),
      ]);
    }
  }
  const body = rows.length
    ? table(['series', 'line', 'window', 'points', 'Ea (eV)', 'Ea (kJ/mol)'], rows, 'energies')
    : '<p>No activation energy: no rate series could be analysed.</p>';
  return section('summary', 'Activation energies', body);
}

export function failuresSection(r: StudyResult): string {
  if (r.failed.length === 0) return '';
  const rows = r.failed.map((f) => [esc(f.name), esc(f.stage === 'read' ? 'not read' : 'transient not used'), esc(f.reason)]);
  return section(
    'failed',
    `Failed inputs (${r.failed.length})`,
    `<div class="failures"><p>These inputs were left out; everything else was analysed.</p>${table(['input', 'stage', 'reason'], rows)}</div>`,
  );
}

export function warningsSection(r: StudyResult, renderWarnings: string[]): string {
  const all = [
    ...r.warnings,
    ...r.arrhenius.flatMap((a) => a.warnings.map((w) => `${a.series}: ${w}`)),
    ...(r.bpp?.result.warnings ?? []).map((w) => `BPP: ${w}`),
    ...(r.crossLink?.result.warnings ?? []).map((w) => `cross-link: ${w}`),
    ...r.inputs.flatMap((i) => i.warnings.map((w) => `${i.name}: ${w}`)),
    ...renderWarnings,
  ];
  if (all.length === 0) return section('warnings', 'Warnings', '<p>None.</p>');
  return section('warnings', `Warnings (${all.length})`, `<ul class="warnings">${all.map((w) => `<li>${esc(w)}</li>`).join('\n')}</ul>`);
}

export function ratesSection(r: StudyResult): string {
  const byName = new Map(r.transients.map((t) => [t.name, t]));
  const blocks = r.rateSeries.map((s) => {
    const rows = s.transients.map((name, i) => {
      const t = byName.get(name);
      const p = s.points[i];
      const tc = t ? t.fit.params[t.timeConstant] : undefined;
      return [
        num(kelvin(p.temperature_K)),
        num(est({ value: p.rate_per_s, stderr: p.sigma ?? null }, 's⁻¹')),
        t && tc ? `${esc(t.timeConstant)} = ${num(est({ value: tc.value, stderr: tc.stderr }, 's'))}` : '',
        esc(t?.fit.model ?? ''),
        num(t ? esc(Number(t.fit.stats.redChi.toPrecision(3))) : ''),
        esc(name),
      ];
    });
    return `<h3>${esc(s.label)}</h3>${table(['T (K)', 'rate', 'time constant', 'model', 'χ²ᵣ', 'input'], rows)}`;
  });
  return section('rates', 'Rates', blocks.join('\n') || '<p>No rate series.</p>');
}

export function bppSection(r: StudyResult): string {
  const bpp = r.bpp;
  if (!bpp) return '';
  const b = bpp.result;
  const physics = [
    ['spectral density', esc(`${b.spectralDensity} (${b.convention} rate expressions, fitted as ${b.weighting === 'log' ? 'ln R' : 'R'})`)],
    ['shared', esc(b.share.join(', '))],
    ['Ea', `${est(b.activationEnergy_eV, 'eV')} (${kJ(b.activationEnergy_eV)})`],
    ['τ0', est(b.tau0_s, 's')],
    ['β', est(b.beta)],
    ['low-T flank (β − 1)·Ea', est(b.lowTemperatureFlank_eV, 'eV')],
    ['Ngai n = 2 − β', est(b.ngaiCoupling)],
    ...b.datasets.map((d) => [
      esc(d.label),
      `C = ${est(d.prefactor_per_s2, 's⁻²')}; ${d.peak?.temperature_K ? `maximum at ${est(d.peak.temperature_K, 'K')} (ω τc = ${esc(Number(d.peak.omegaTau.toPrecision(4)))})` : 'no maximum'}; background ${esc(d.background.model)}`,
    ]),
  ];
  let boot = '';
  if (bpp.bootstrap) {
    const s = bpp.bootstrap;
    const rows = Object.entries(s.parameters).map(([name, d]) => [
      esc(name),
      num(esc(d.median.toPrecision(6))),
      num(esc(d.sd.toPrecision(2))),
      num(esc(`${d.ci95[0].toPrecision(6)} … ${d.ci95[1].toPrecision(6)}`)),
    ]);
    boot = `<h3>Bootstrap (residual resampling): ${s.succeeded} of ${s.samples} refits converged, seed ${s.seed}</h3>${table(['parameter', 'median', 'sd', '95 % interval'], rows)}`;
  }
  return section(
    'bpp',
    'Joint BPP fit',
    `${table(['quantity', 'value'], physics)}${boot}<details><summary>Fit report</summary>${pre(fitReport(b.fit))}</details>`,
  );
}

export function crossLinkSection(r: StudyResult): string {
  const link = r.crossLink;
  if (!link) return '';
  const rows = crossLinkRows(link.result).map((row) => [esc(row.quantity), esc(row.nmr), esc(row.conductivity), esc(row.note)]);
  const note = `<p class="meta">NMR energy: ${link.nmrActivationEnergy === 'bpp' ? 'full Ea of the joint BPP fit' : 'low-T flank (β − 1)·Ea of the joint BPP fit'}; conductivity from <code>${esc(link.conductivityFile.name)}</code>.</p>`;
  return section(
    'crosslink',
    'NMR ↔ DC conductivity',
    `${note}${table(['quantity', esc(link.result.nmrLabel), esc(link.result.conductivityLabel), 'note'], rows)}`,
  );
}

function fitParameters(fit: FitResult): string {
  return fit.varyNames
    .map((n) => `${esc(n)} = ${est({ value: fit.params[n].value, stderr: fit.params[n].stderr }, fit.params[n].unit)}`)
    .join('<br>');
}

export function transientTableSection(r: StudyResult): string {
  const rows = r.transients.map((t) => [
    esc(t.name),
    esc(t.experiment),
    num(kelvin(t.temperature_K)),
    esc(t.fit.model),
    fitParameters(t.fit),
    num(esc(Number(t.fit.stats.redChi.toPrecision(3)))),
    t.fit.converged ? 'yes' : '<strong>no</strong>',
  ]);
  const reports = r.transients.map((t) => `<details><summary>${esc(t.name)}</summary>${pre(fitReport(t.fit))}</details>`).join('\n');
  return `<h3>Parameters</h3>${table(['input', 'experiment', 'T (K)', 'model', 'parameters ± stderr', 'χ²ᵣ', 'converged'], rows)}<h3>Fit reports</h3>${reports}`;
}

export function arrheniusReportsSection(r: StudyResult): string {
  const blocks = r.arrhenius.flatMap((a) =>
    a.lines.map(
      (l) =>
        `<details><summary>${esc(`${a.series}: ${l.side === 'all' ? 'all points' : `${l.side}-T flank`} ${kelvin(l.window_K[0])}–${kelvin(l.window_K[1])} K`)}</summary>${pre(fitReport(l.arrhenius.fit))}</details>`,
    ),
  );
  return blocks.length ? section('arrhenius-reports', 'Arrhenius fit reports', blocks.join('\n')) : '';
}

export function inputsSection(r: StudyResult): string {
  const rows: string[][] = [];
  for (const i of r.inputs) {
    const status =
      i.status === 'ok' ? `${i.transients} transient${i.transients === 1 ? '' : 's'}` : `<strong>failed</strong>: ${esc(i.reason)}`;
    i.files.forEach((f, k) =>
      rows.push([
        k === 0 ? esc(i.name) : '',
        esc(f.file),
        esc(f.sha256),
        num(String(f.bytes)),
        k === 0 ? `${esc(i.format)} · ${status}` : '',
      ]),
    );
  }
  if (r.crossLink)
    rows.push(['conductivity', esc(r.crossLink.conductivityFile.name), esc(r.crossLink.conductivityFile.sha256), '', 'cross-link input']);
  if (r.command.config) rows.push(['config', esc(r.command.config.file), esc(r.command.config.sha256), '', 'study configuration']);
  const ignored = r.ignored.length ? `<p class="meta">Not data (ignored): ${r.ignored.map(esc).join(', ')}</p>` : '';
  return section('inputs', 'Input files (SHA-256)', `${table(['input', 'file', 'sha256', 'bytes', 'read as'], rows, 'hashes')}${ignored}`);
}

export function softwareSection(r: StudyResult): string {
  const rows = [
    ['RelaxLab', esc(r.software.version)],
    ['Node.js', esc(r.software.node)],
    ...(r.software.vega ? [['Vega', esc(r.software.vega)]] : []),
    ...(r.software.vegaLite ? [['Vega-Lite', esc(r.software.vegaLite)]] : []),
  ];
  return section(
    'software',
    'Software and configuration',
    `${table(['software', 'version'], rows)}<details><summary>Resolved configuration (defaults filled in)</summary>${pre(JSON.stringify(r.config, null, 2))}</details>`,
  );
}
