/**
 * The spin-lock frequency of a Bruker T1ρ experiment from its acquisition parameters: the 90°
 * pulse p1 = 2.5 µs at PLW1 = 100 W is ν1(90°) = 1/(4·2.5 µs) = 100 kHz; the lock at PLW11 =
 * 1.5625 W, 1/64 of the power, has 1/8 of the field: 12.5 kHz. Written by the tests as TopSpin
 * lays a T1ρ folder out (acqus with P and PLW arrays, vplist, pulse program with Bruker's comments).
 */
import { join } from 'path';
import { fitTransient } from '@relaxlab/core';
import { readBrukerRelaxation } from '@relaxlab/io';
import { ninetyDegreePulse } from '../src/bruker/experimentType';
import { readBrukerExperiment } from '../src/bruker/readBrukerExperiment';
import { arrayRecord, writeSyntheticExperiment } from './brukerSynthetic';
import { expectInputError, tempDir, treeHash } from './support';

const T1RHO_s = 5e-3;
const M0 = 2e6;
/** Bare vplist numbers are µs. */
const VPLIST = '100\n500\n1000\n2000\n5000\n10000\n20000\n50000\n';
const LOCK_s = [1e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2];
const REGION: [number, number] = [20, 4];

/** Bruker-style T1ρ pulse program: the comments name p1, pl1 and the lock level pl11. */
const T1RHO_PROGRAM = `;t1rhof1 (synthetic)
;T1rho with a spin-lock pulse of variable length from the vplist
;
;p1 : f1 channel -  90 degree high power pulse
;vp : spin-lock pulse length from vplist
;pl1 : f1 channel - power level for pulse (default)
;pl11 : f1 channel - power level for spin lock
;d1 : relaxation delay
;
1 ze
2 d1
  (p1 pl1 ph1):f1
  (vp pl11 ph2):f1
  go=2 ph31
  d1 wr #0 if #0 ivp
  lo to 2 times td1
exit
`;

/** ν1(90°) = 1/(4·p1), p1 in µs → kHz; ν1(lock) = ν1(90°)·√(P_lock/P_90). */
const nu90_kHz = (p1_us: number) => 1e3 / (4 * p1_us);

function t1rhoFolder(options: { program?: string; p?: Record<number, number>; plw?: Record<number, number> | null } = {}): string {
  const records: Record<string, string> = { P: arrayRecord(options.p ?? { 1: 2.5 }) };
  if (options.plw !== null) records.PLW = arrayRecord(options.plw ?? { 1: 100, 11: 1.5625 });
  return writeSyntheticExperiment({
    dir: join(tempDir(), 't1rho', '5'),
    vdlist: VPLIST,
    delayListKind: 'vplist',
    delay_s: LOCK_s,
    amplitude: (t) => M0 * Math.exp(-t / T1RHO_s),
    noise: 40,
    pulseProgram: 't1rhof1',
    pulseProgramText: options.program ?? T1RHO_PROGRAM,
    acqusRecords: records,
  });
}

describe('T1ρ folder, p1 = 2.5 µs at PLW1 = 100 W, lock at PLW11 = 1.5625 W', () => {
  const dir = t1rhoFolder();
  const before = treeHash(dir);
  const result = readBrukerRelaxation(dir, { regions_ppm: [REGION] });
  const [transient] = result.transients;

  test('ν1(lock) = 100 kHz × √(1.5625/100) = 12.5 kHz on the transient', () => {
    expect(nu90_kHz(2.5)).toBe(100);
    expect(transient.spinlock_kHz).toBeCloseTo(12.5, 10);
    // B1 ∝ √P: (ν1(lock)/ν1(90°))² is the power ratio
    expect(((transient.spinlock_kHz as number) / nu90_kHz(2.5)) ** 2).toBeCloseTo(1.5625 / 100, 12);
    expect(transient.source.spinlockPower_W).toBe(1.5625);
    expect(transient.experiment).toBe('T1rho-spinlock');
  });

  test('a warning states the derivation with its numbers and its assumptions', () => {
    const line = result.warnings.find((w) => w.startsWith('spinlock_kHz'));
    expect(line).toMatch(/^spinlock_kHz = 12\.5 kHz derived from acqus, not measured/);
    expect(line).toContain('ν1(90°) = 1/(4·p1) = 1/(4 × 2.5 µs) = 100 kHz at pl1 (PLW[1] = 100 W)');
    expect(line).toContain('spin-lock level pl11 (PLW[11] = 1.5625 W) by √(1.5625 W / 100 W): 100 kHz × 0.125 = 12.5 kHz');
    expect(line).toMatch(/assumes p1 is a calibrated 90° pulse at pl1 and a linear amplifier \(B1 ∝ √P\)/);
    expect(transient.source.warnings).toContain(line);
  });

  test('the delays come from the vplist and the decay gives back T1ρ = 5 ms', () => {
    expect(transient.delay_s).toEqual(LOCK_s);
    const fit = fitTransient(transient);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.T1rho.value / T1RHO_s - 1)).toBeLessThan(0.01);
  });

  test('the caller’s spinlock_kHz wins, and the warning sets the derived value beside it', () => {
    const r = readBrukerRelaxation(dir, { regions_ppm: [REGION], spinlock_kHz: 20 });
    expect(r.transients[0].spinlock_kHz).toBe(20);
    expect(readBrukerExperiment(dir, { spinlock_kHz: 20 }).metadata.spinlock_kHz).toBe(20);
    expect(r.warnings.join('\n')).toMatch(/spinlock_kHz = 20 kHz as given; the acquisition parameters would give 12\.5 kHz/);
  });

  test('a spin-lock frequency that is not a positive number is a typed error naming the option', () => {
    for (const bad of [0, -12.5, Number.NaN]) {
      const e = expectInputError(() => readBrukerExperiment(dir, { spinlock_kHz: bad }), 'options');
      expect(e.field).toBe('spinlock_kHz');
    }
  });

  test('every input file is hashed and the folder is unchanged', () => {
    const inputs = transient.source.inputs ?? [];
    expect(inputs.map((i) => i.file.slice(dir.length + 1)).sort()).toEqual(['acqu2s', 'acqus', 'pulseprogram', 'ser', 'vplist']);
    for (const { file, sha256 } of inputs) expect(sha256).toBe(before[file]);
    expect(treeHash(dir)).toEqual(before);
  });

  test('the transient round-trips through JSON unchanged', () => {
    expect(JSON.parse(JSON.stringify(transient))).toEqual(transient);
  });
});

describe('which pulse and power level are the 90° pulse', () => {
  test('comments that name another 90° pulse win over p1/pl1: p2 = 4 µs at PLW2 = 25 W → 62.5 kHz × √(1.5625/25) = 15.625 kHz', () => {
    const program = T1RHO_PROGRAM.replace(';p1 : f1 channel -  90 degree high power pulse', ';p2 : f1 channel -  90 degree pulse')
      .replace(';pl1 : f1 channel - power level for pulse (default)', ';pl2 : f1 channel - power level for 90 degree pulse')
      .replace('(p1 pl1 ph1):f1', '(p2 pl2 ph1):f1');
    expect(ninetyDegreePulse(program)).toEqual({ pulse: 2, powerLevel: 2, pulseFrom: 'comments', powerLevelFrom: 'comments' });
    const dir = t1rhoFolder({ program, p: { 1: 2.5, 2: 4 }, plw: { 1: 100, 2: 25, 11: 1.5625 } });
    const [t] = readBrukerRelaxation(dir, { regions_ppm: [REGION] }).transients;
    expect(nu90_kHz(4)).toBe(62.5);
    expect(t.spinlock_kHz).toBeCloseTo(15.625, 10);
  });

  test('a power level the comments leave unnamed is the one the code plays the 90° pulse at', () => {
    // as in the 17O LAMOX satrect1nodec program: ";pl1 : X power level", "(p1 pl1 ph1):f1"
    const program = T1RHO_PROGRAM.replace(';pl1 : f1 channel - power level for pulse (default)\n', '').replace(
      '(p1 pl1 ph1)',
      '(p1 pl3 ph1)',
    );
    expect(ninetyDegreePulse(program)).toEqual({ pulse: 1, powerLevel: 3, pulseFrom: 'comments', powerLevelFrom: 'code' });
    expect(ninetyDegreePulse(';no comments\n1 ze\n  p1 ph1\nexit\n')).toEqual({
      pulse: 1,
      powerLevel: 1,
      pulseFrom: 'convention',
      powerLevelFrom: 'convention',
    });
  });

  test('comments on other channels (f2, 1H decoupling) are not the observed 90° pulse', () => {
    const program =
      ';p3 : f2 channel - 90 degree high power pulse\n;pl12 : power level for H 90 and standard proton decoupling\n;p1 : X 90 degree pulse\n;pl1 : X power level\n(p1 pl1 ph1):f1\n';
    expect(ninetyDegreePulse(program)).toEqual({ pulse: 1, powerLevel: 1, pulseFrom: 'comments', powerLevelFrom: 'code' });
  });

  test('a lock at the 90° pulse’s own level is ν1(90°) itself', () => {
    const program = T1RHO_PROGRAM.replace(';pl11 : f1 channel - power level for spin lock\n', '').replace(
      ';pl1 : f1 channel - power level for pulse (default)',
      ';pl1 : f1 channel - power level for pulse and spin lock',
    );
    const dir = t1rhoFolder({ program, p: { 1: 5 } });
    const r = readBrukerRelaxation(dir, { regions_ppm: [REGION] });
    expect(r.transients[0].spinlock_kHz).toBe(nu90_kHz(5));
    expect(r.warnings.join('\n')).toMatch(/spinlock_kHz = 50 kHz derived.*at pl1 \(PLW\[1\] = 100 W\), the spin-lock level itself \(pl1\)/);
  });
});

describe('missing parameters: no spin-lock frequency is invented, the warning says what was missing', () => {
  test('p1 = 0 in acqus', () => {
    const r = readBrukerRelaxation(t1rhoFolder({ p: {} }), { regions_ppm: [REGION] });
    expect(r.transients[0].spinlock_kHz).toBeUndefined();
    expect('spinlock_kHz' in r.transients[0]).toBe(false);
    expect(r.warnings.join('\n')).toMatch(/spinlock_kHz not derived: acqus P\[1\] \(p1, the 90° pulse, µs\) is 0; pass spinlock_kHz/);
  });

  test('no PLW array (a pre-TopSpin-3 acqus): both powers named as absent', () => {
    const r = readBrukerRelaxation(t1rhoFolder({ plw: null }), { regions_ppm: [REGION] });
    expect(r.transients[0].spinlock_kHz).toBeUndefined();
    const line = r.warnings.find((w) => w.startsWith('spinlock_kHz')) ?? '';
    expect(line).toContain('acqus PLW[1] (pl1, the power of the 90° pulse, W) is absent');
    expect(line).toContain('acqus PLW[11] (pl11, the spin-lock power, W) is absent');
  });

  test('the lock level at 0 W', () => {
    const r = readBrukerRelaxation(t1rhoFolder({ plw: { 1: 100 } }), { regions_ppm: [REGION] });
    expect(r.transients[0].spinlock_kHz).toBeUndefined();
    expect(r.warnings.join('\n')).toMatch(/acqus PLW\[11\] \(pl11, the spin-lock power, W\) is 0/);
  });

  test('the caller’s value still wins, without a warning about what is missing', () => {
    const r = readBrukerRelaxation(t1rhoFolder({ p: {} }), { regions_ppm: [REGION], spinlock_kHz: 8 });
    expect(r.transients[0].spinlock_kHz).toBe(8);
    expect(r.warnings.some((w) => w.startsWith('spinlock_kHz'))).toBe(false);
  });

  test('a T1ρ pulse program whose comments name no lock level', () => {
    const program = T1RHO_PROGRAM.replace(';pl11 : f1 channel - power level for spin lock\n', '');
    const r = readBrukerRelaxation(t1rhoFolder({ program }), { regions_ppm: [REGION] });
    expect(r.transients[0].spinlock_kHz).toBeUndefined();
    expect(r.warnings.join('\n')).toMatch(/spinlock_kHz unknown: the pulse program's comments name no spin-lock power level/);
  });

  test('a saturation-recovery experiment has no spin lock and no word about one', () => {
    const dir = writeSyntheticExperiment({
      dir: join(tempDir(), '3'),
      vdlist: '1m\n10m\n0.1',
      delay_s: [1e-3, 1e-2, 0.1],
      amplitude: () => M0,
      acqusRecords: { P: arrayRecord({ 1: 2.5 }), PLW: arrayRecord({ 1: 100 }) },
    });
    const r = readBrukerRelaxation(dir, { regions_ppm: [REGION] });
    expect(r.transients[0].spinlock_kHz).toBeUndefined();
    expect(r.warnings.some((w) => /spinlock/.test(w))).toBe(false);
  });
});
