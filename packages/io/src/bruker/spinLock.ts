/**
 * The spin-lock frequency ν1 of a T1ρ experiment from its acquisition parameters, which record
 * pulse lengths and powers but not ν1 itself.
 *
 * The 90° pulse pN (acqus P[n], µs) at power level plM (acqus PLW[m], W) turns the magnetization
 * by a quarter turn at the nutation frequency ν1 = γB1/2π (Levitt, Spin Dynamics, 2nd ed., on RF
 * pulses and nutation), so ν1(90°) = 1/(4·pN). The coil's B1 is proportional to its current, i.e.
 * to √P for a linear amplifier (the rule behind pulse calibration: half the 90° pulse takes four
 * times the power, +6 dB), so at the lock level plL ν1(lock) = ν1(90°)·√(PLW[L]/PLW[m]). PLW holds
 * the powers in W (TopSpin ≥ 3). Both assumptions — pN is a calibrated 90° pulse at plM, the
 * amplifier is linear between the two powers — are stated in the warning that comes with the number.
 */
import { InputError } from '@relaxlab/core';
import type { TransientExperiment } from '@relaxlab/core';
import { ninetyDegreePulse, spinLockPowerLevel } from './experimentType';
import type { BrukerParameters } from './parameters';

export interface SpinLock {
  /** ν1 of the lock in kHz: the caller's, else derived; absent when it cannot be derived. */
  spinlock_kHz?: number;
  /** Power of the spin-lock level in W (acqus PLW of the level the comments name). */
  spinlockPower_W?: number;
}

/** A number as a person would write it: 12.5, 100, 1.5625 (six significant digits at most). */
function show(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function checkGiven(spinlock_kHz: number): number {
  if (!(Number.isFinite(spinlock_kHz) && spinlock_kHz > 0)) {
    throw new InputError('bad spin-lock frequency', {
      source: 'options',
      field: 'spinlock_kHz',
      expected: 'the spin-lock ν1 in kHz, a positive number',
      found: String(spinlock_kHz),
    });
  }
  return spinlock_kHz;
}

/**
 * ν1 of the spin lock from acqus and the pulse program, with a warning saying how it was derived
 * (or which parameter was missing). `given` (the caller's spinlock_kHz) wins.
 */
export function spinLockFromAcquisition(
  acqus: BrukerParameters,
  pulseProgramText: string | undefined,
  context: { experiment?: TransientExperiment; given?: number },
  warnings: string[],
): SpinLock {
  const given = context.given === undefined ? undefined : checkGiven(context.given);
  const lockLevel = pulseProgramText === undefined ? undefined : spinLockPowerLevel(pulseProgramText);
  if (lockLevel === undefined) {
    if (given === undefined && context.experiment === 'T1rho-spinlock') {
      warnings.push(
        `spinlock_kHz unknown: ${pulseProgramText === undefined ? 'there is no pulseprogram file' : 'the pulse program\'s comments name no spin-lock power level (e.g. ";pl11 : power level for spin lock")'}; pass spinlock_kHz`,
      );
    }
    return { spinlock_kHz: given };
  }
  const text = pulseProgramText as string;
  const spinlockPower_W = acqus.optionalNumber('PLW', lockLevel);
  const ninety = ninetyDegreePulse(text);
  const pulse_us = acqus.optionalNumber('P', ninety.pulse);
  const ninetyPower_W = acqus.optionalNumber('PLW', ninety.powerLevel);

  const missing = [
    { value: pulse_us, what: `P[${ninety.pulse}] (p${ninety.pulse}, the 90° pulse, µs)` },
    { value: ninetyPower_W, what: `PLW[${ninety.powerLevel}] (pl${ninety.powerLevel}, the power of the 90° pulse, W)` },
    { value: spinlockPower_W, what: `PLW[${lockLevel}] (pl${lockLevel}, the spin-lock power, W)` },
  ].filter((p) => !(p.value !== undefined && Number.isFinite(p.value) && p.value > 0));
  if (missing.length > 0) {
    if (given === undefined) {
      const said = missing.map((p) => `acqus ${p.what} is ${p.value === undefined ? 'absent' : show(p.value)}`).join('; ');
      warnings.push(`spinlock_kHz not derived: ${said}; pass spinlock_kHz`);
    }
    return { spinlock_kHz: given, spinlockPower_W };
  }

  // ν1(90°) = 1/(4·p90); p90 in µs → 1e3/(4·p90) kHz
  const ninety_kHz = 1e3 / (4 * (pulse_us as number));
  const sameLevel = lockLevel === ninety.powerLevel;
  // B1 ∝ √P: ν1(lock) = ν1(90°)·√(PLW_lock / PLW_90)
  const lock_kHz = sameLevel ? ninety_kHz : ninety_kHz * Math.sqrt((spinlockPower_W as number) / (ninetyPower_W as number));
  const origin = [
    ninety.pulseFrom === 'convention' ? `p${ninety.pulse} by Bruker's convention (the comments name no 90° pulse)` : '',
    ninety.powerLevelFrom === 'code' ? `pl${ninety.powerLevel} the level the code plays p${ninety.pulse} at` : '',
    ninety.powerLevelFrom === 'convention' ? `pl${ninety.powerLevel} by Bruker's convention (the comments name no power level for it)` : '',
  ].filter(Boolean);
  const derivation =
    `ν1(90°) = 1/(4·p${ninety.pulse}) = 1/(4 × ${show(pulse_us as number)} µs) = ${show(ninety_kHz)} kHz at pl${ninety.powerLevel} (PLW[${ninety.powerLevel}] = ${show(ninetyPower_W as number)} W)` +
    (sameLevel
      ? `, the spin-lock level itself (pl${lockLevel})`
      : `, scaled to the spin-lock level pl${lockLevel} (PLW[${lockLevel}] = ${show(spinlockPower_W as number)} W) by √(${show(spinlockPower_W as number)} W / ${show(ninetyPower_W as number)} W): ${show(ninety_kHz)} kHz × ${show(lock_kHz / ninety_kHz)} = ${show(lock_kHz)} kHz`) +
    (origin.length ? ` (${origin.join('; ')})` : '') +
    `; assumes p${ninety.pulse} is a calibrated 90° pulse at pl${ninety.powerLevel} and a linear amplifier (B1 ∝ √P)`;
  if (given !== undefined) {
    warnings.push(`spinlock_kHz = ${show(given)} kHz as given; the acquisition parameters would give ${show(lock_kHz)} kHz: ${derivation}`);
    return { spinlock_kHz: given, spinlockPower_W };
  }
  warnings.push(`spinlock_kHz = ${show(lock_kHz)} kHz derived from acqus, not measured: ${derivation}; pass spinlock_kHz to override`);
  return { spinlock_kHz: lock_kHz, spinlockPower_W };
}
