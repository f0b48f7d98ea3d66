/**
 * Automatic start values of a joint BPP fit, read off the data the way one reads a rate-peak plot:
 * - peak position → τc at the maximum from the peak condition (ω·τc found numerically for the
 *   density and convention); with peaks at two or more frequencies, ln τc(Tmax) against 1/kBTmax is
 *   a straight line with slope Ea and intercept ln τ0;
 * - high-T flank slope of ln R against 1/kBT → Ea (R ∝ τc there);
 * - low-T over high-T flank slope → β − 1 (asymmetric BPP, Richards 2D) or ε (Cole–Davidson);
 * - C from the median of ln R − ln S over the upper half of the rates (where a background does not matter);
 * - background: the excess of the lowest-temperature rates over the diffusion-induced model, with κ = 2
 *   (two-phonon Raman processes give R1 ∝ T² above the Debye temperature) or E_bg = 0.05 eV.
 */
import { BOLTZMANN_eV_per_K } from '../physics/constants';
import { hasShapeParameter, shapeBounds } from './densities';
import { backgroundShape, rateSum, ratePeakOmegaTau, referenceAngularFrequency_rad_per_s } from './rates';
import type { JointParameterKind, RateConvention, SpectralDensityName } from './types';
import type { DatasetLayout } from './jointModel';
import type { CheckedSeries } from './validate';

/** Start values per dataset and kind, in fitted units (log10 for τ0 and C). */
export type DatasetStarts = Record<JointParameterKind, number>;

export interface StartValueReport {
  perDataset: DatasetStarts[];
  notes: string[];
}

const DEFAULT_EA_eV = 0.3;
const DEFAULT_LOG10_TAU0 = -13;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : 0.5 * (s[k - 1] + s[k]);
}

/** Least-squares slope of y against x (null for fewer than 2 distinct x). */
function slope(x: number[], y: number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  return sxx > 0 ? sxy / sxx : null;
}

interface PeakReading {
  /** Index of the maximum when it is interior. */
  peak: number | null;
  /** Slope of ln R vs 1/kBT on the high-T side (≈ Ea) and on the low-T side (≈ −(β−1)Ea). */
  highSlope: number | null;
  lowSlope: number | null;
}

function readPeak(s: CheckedSeries): PeakReading {
  const n = s.temperature_K.length;
  let imax = 0;
  for (let i = 1; i < n; i++) if (s.rate_per_s[i] > s.rate_per_s[imax]) imax = i;
  const x = Array.from(s.temperature_K, (t) => 1 / (BOLTZMANN_eV_per_K * t));
  const y = Array.from(s.rate_per_s, (r) => Math.log(Math.max(r, Number.MIN_VALUE)));
  const interior = imax > 0 && imax < n - 1;
  // the two points next to the maximum are rounded by the peak; the flanks start beyond them
  const high = interior
    ? Array.from({ length: n - imax - 2 }, (_, k) => imax + 2 + k)
    : imax === 0
      ? Array.from({ length: n }, (_, k) => k)
      : [];
  const low = interior
    ? Array.from({ length: Math.max(imax - 1, 0) }, (_, k) => k)
    : imax === n - 1
      ? Array.from({ length: n }, (_, k) => k)
      : [];
  const pick = (idx: number[]) =>
    slope(
      idx.map((i) => x[i]),
      idx.map((i) => y[i]),
    );
  return { peak: interior ? imax : null, highSlope: high.length >= 2 ? pick(high) : null, lowSlope: low.length >= 2 ? pick(low) : null };
}

export function startValues(
  series: readonly CheckedSeries[],
  layouts: readonly DatasetLayout[],
  spectralDensity: SpectralDensityName,
  convention: RateConvention,
  referenceTemperature_K: number,
): StartValueReport {
  const notes: string[] = [];
  const [shapeLo, shapeHi] = shapeBounds(spectralDensity);
  const shaped = hasShapeParameter(spectralDensity);
  const readings = series.map(readPeak);

  // Ea: the high-T flank slopes (median over datasets); refined below from the peak shift
  const highSlopes = readings.map((r) => (r.highSlope !== null && r.highSlope > 0 ? r.highSlope : null));
  const eaFlanks = highSlopes.filter((v): v is number => v !== null);
  const shapeDefault = spectralDensity === 'cole-davidson' ? 0.7 : shaped ? 1.7 : 2;
  // the low-T flank has slope −(β − 1)·Ea (asymmetric BPP, 2D) or −ε·Ea (Cole–Davidson)
  const lowFactor = (shape: number) => (spectralDensity === 'cole-davidson' ? shape : shape - 1);
  let ea = DEFAULT_EA_eV;
  if (eaFlanks.length) {
    ea = median(eaFlanks);
  } else {
    const lows = readings.map((r) => r.lowSlope).filter((v): v is number => v !== null && v < 0);
    if (lows.length) ea = -median(lows) / lowFactor(shapeDefault);
    notes.push(
      lows.length
        ? 'no high-temperature flank in the data: Ea started from the low-temperature flank and the default β'
        : `no flank slopes in the data: Ea started at ${DEFAULT_EA_eV} eV`,
    );
  }

  // shape from the ratio of the flank slopes
  const shapeFrom = (r: PeakReading, eaK: number): number | null => {
    if (r.lowSlope === null || !(eaK > 0) || !(r.lowSlope < 0)) return null;
    const ratio = -r.lowSlope / eaK;
    return spectralDensity === 'cole-davidson' ? ratio : 1 + ratio;
  };
  const clampShape = (v: number) => Math.min(Math.max(v, shapeLo + 0.05 * (shapeHi - shapeLo)), shapeHi);
  const shapes = readings.map((r, k) => shapeFrom(r, highSlopes[k] ?? ea)).filter((v): v is number => v !== null && Number.isFinite(v));
  const shape = shaped ? clampShape(shapes.length ? median(shapes) : shapeDefault) : 2;

  // τc at each interior maximum from the peak condition
  const peaks: { invKT: number; lnTau: number; k: number }[] = [];
  series.forEach((s, k) => {
    const r = readings[k];
    if (r.peak === null) return;
    const wt = ratePeakOmegaTau(s, spectralDensity, shape, convention);
    if (wt === null) return;
    peaks.push({
      invKT: 1 / (BOLTZMANN_eV_per_K * s.temperature_K[r.peak]),
      lnTau: Math.log(wt / referenceAngularFrequency_rad_per_s(s)),
      k,
    });
  });
  if (new Set(peaks.map((p) => p.invKT.toPrecision(6))).size >= 2) {
    // peaks at several frequencies: ln τc(Tmax) = ln τ0 + Ea/kBTmax
    const eaPeaks = slope(
      peaks.map((p) => p.invKT),
      peaks.map((p) => p.lnTau),
    );
    if (eaPeaks !== null && eaPeaks > 0.01 && eaPeaks < 3) ea = eaPeaks;
  }
  ea = Math.min(Math.max(ea, 0.01), 2.5);
  let log10Tau0 = DEFAULT_LOG10_TAU0;
  if (peaks.length) log10Tau0 = median(peaks.map((p) => (p.lnTau - ea * p.invKT) / Math.LN10));
  else notes.push(`no rate maximum inside the data: τ0 started at 1e${DEFAULT_LOG10_TAU0} s`);
  const combined = { Ea: ea, tau0: log10Tau0, beta: shape };

  // per-dataset readings, for parameters that are not shared
  const perDataset: DatasetStarts[] = readings.map((own, k) => {
    const eaK = Math.min(Math.max(highSlopes[k] ?? ea, 0.01), 2.5);
    const peakK = peaks.find((p) => p.k === k);
    return {
      Ea: eaK,
      tau0: peakK ? (peakK.lnTau - eaK * peakK.invKT) / Math.LN10 : log10Tau0,
      beta: shaped ? clampShape(shapeFrom(own, eaK) ?? shape) : 2,
      C: 0,
      bgA: 0,
      bgKappa: 2,
      bgEa: 0.05,
    };
  });

  const sums = new Float64Array(3);
  const g = new Float64Array(3);
  series.forEach((s, k) => {
    const d = perDataset[k];
    const L = layouts[k];
    const pick = (kind: 'Ea' | 'tau0' | 'beta') => (isShared(layouts, kind) ? combined[kind] : d[kind]);
    d.Ea = pick('Ea');
    d.tau0 = pick('tau0');
    d.beta = pick('beta');
    const tau0 = Math.pow(10, d.tau0);
    const n = s.temperature_K.length;
    const lnS = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const tau = tau0 * Math.exp(d.Ea / (BOLTZMANN_eV_per_K * s.temperature_K[i]));
      rateSum(spectralDensity, L.terms, tau, d.beta, sums, g);
      lnS[i] = Math.log(sums[0]);
    }
    const byRate = Array.from({ length: n }, (_, i) => i).sort((a, b) => s.rate_per_s[b] - s.rate_per_s[a]);
    const upper = byRate.slice(0, Math.max(1, Math.ceil(n / 2)));
    d.C = median(upper.map((i) => Math.log(Math.max(s.rate_per_s[i], Number.MIN_VALUE)) - lnS[i])) / Math.LN10;
    if (L.background !== 'none') {
      const c = Math.pow(10, d.C);
      const exponent = L.background === 'power-law' ? d.bgKappa : d.bgEa;
      const lowest = [0, 1, 2].filter((i) => i < n);
      const excess = lowest.map(
        (i) =>
          (s.rate_per_s[i] - c * Math.exp(lnS[i])) / backgroundShape(L.background, s.temperature_K[i], exponent, referenceTemperature_K),
      );
      const positive = excess.filter((v) => v > 0);
      const minRate = Math.min(...Array.from(s.rate_per_s).filter((r) => r > 0));
      d.bgA = positive.length ? median(positive) : 1e-3 * (Number.isFinite(minRate) ? minRate : 1);
    }
  });
  return { perDataset, notes };
}

function isShared(layouts: readonly DatasetLayout[], kind: JointParameterKind): boolean {
  const used = layouts.map((L) => L.index[kind]).filter((j) => j >= 0);
  return used.length > 1 && used.every((j) => j === used[0]);
}
