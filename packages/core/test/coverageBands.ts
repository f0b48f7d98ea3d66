/**
 * The pass bands of the inversion coverage tests for z = (estimate − truth)/SE (see
 * inversion-coverage.test.ts for the reasoning): 2σ coverage at least the 0.5 % binomial quantile
 * at p = 0.9545, SD(z) within [0.917, 1.125] (the midpoints to a band 20 % too wide or too narrow),
 * |mean z| ≤ 0.25. `sigmaFactor` rescales every SE, to check that a 20 % error of the band fails.
 */
export const meanSd = (v: number[]) => {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean, sd: Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) };
};

export function verdict(z: number[], coverageFraction: number, sigmaFactor = 1) {
  const scaled = z.map((v) => v / sigmaFactor);
  const { mean, sd } = meanSd(scaled);
  const within = scaled.filter((v) => Math.abs(v) <= 2).length;
  return {
    coverage: within >= Math.ceil(coverageFraction * scaled.length),
    unbiased: Math.abs(mean) <= 0.25,
    scale: sd >= 0.917 && sd <= 1.125,
  };
}

/** One line per quantity: within 2σ, mean and SD of z. */
export function coverageReport(z: Record<string, number[]>): string {
  return Object.entries(z)
    .map(([name, v]) => {
      const { mean, sd } = meanSd(v);
      const within = v.filter((x) => Math.abs(x) <= 2).length;
      return `  ${name.padEnd(10)} within 2σ ${within}/${v.length}, z mean ${mean.toFixed(3)}, z sd ${sd.toFixed(3)}`;
    })
    .join('\n');
}
