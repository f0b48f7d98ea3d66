/** Helpers for synthetic data in tests; the seeded generators live in @relaxlab/core. */
export { gaussian, mulberry32 } from '@relaxlab/core';

export function logSpaced(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from * Math.pow(to / from, i / (count - 1)));
}
