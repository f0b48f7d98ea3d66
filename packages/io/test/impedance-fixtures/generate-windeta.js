// Generator of the hand-made WinDETA fixture (see README.md next to it).
const kB = 8.617333262e-5;
const eps0_F_per_cm = 8.8541878128e-14;
const thickness_cm = 0.1,
  diameter_cm = 0.5;
const area_cm2 = (Math.PI * diameter_cm * diameter_cm) / 4;
const C0 = (eps0_F_per_cm * area_cm2) / thickness_cm;
let seed = 20210101;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 4294967296;
};
const gauss = () => {
  let u = 0;
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
};
const fmt = (v) => {
  const [m, e] = v.toExponential(5).split('e');
  const n = Number(e);
  return `${m}E${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
};
const cinv = (a) => {
  const d = a[0] * a[0] + a[1] * a[1];
  return [a[0] / d, -a[1] / d];
};
const cpeY = (Q, n, w) => [Q * Math.pow(w, n) * Math.cos((n * Math.PI) / 2), Q * Math.pow(w, n) * Math.sin((n * Math.PI) / 2)];
const temps_C = [-20, 0, 20, 40, 60];
const freqs = Array.from({ length: 29 }, (_, i) => 1e7 * Math.pow(10, -i / 4));
const out = [];
out.push('Novocontrol WinDETA ASCII export');
out.push('Sample: MIL-121/Li pellet (hand-made fixture: synthetic data, see README.md)');
out.push('Thickness [mm]: 1.000');
out.push('Diameter [mm]: 5.000');
out.push('');
out.push(['Freq. [Hz]', 'Temp. [°C]', "Eps'", "Eps''", "Sig' [S/cm]", "Zs' [Ohm]", "Zs'' [Ohm]"].join('\t'));
temps_C.forEach((TC, b) => {
  if (b > 0) out.push('');
  const T = TC + 273.15;
  const sigmaT = 2.2e2 * Math.exp(-0.28 / (kB * T)); // S K / cm
  const sigma = sigmaT / T;
  const Rb = thickness_cm / (sigma * area_cm2);
  freqs.forEach((f, i) => {
    const w = 2 * Math.PI * f;
    const Yb = [1 / Rb + cpeY(6e-12, 0.88, w)[0], cpeY(6e-12, 0.88, w)[1]];
    const Zb = cinv(Yb);
    const Ze = cinv(cpeY(1.5e-6, 0.78, w));
    let Z = [Zb[0] + Ze[0], Zb[1] + Ze[1]];
    const m = Math.hypot(Z[0], Z[1]);
    Z = [Z[0] + 0.002 * m * gauss(), Z[1] + 0.002 * m * gauss()];
    const Y = cinv(Z);
    const epsR = Y[1] / (w * C0),
      epsI = Y[0] / (w * C0);
    const sig = (thickness_cm / area_cm2) * Y[0];
    const temp = TC + 0.03 * Math.sin(i + b);
    out.push([fmt(f), temp.toFixed(3), fmt(epsR), fmt(epsI), fmt(sig), fmt(Z[0]), fmt(Z[1])].join('\t'));
  });
});
process.stdout.write(out.join('\r\n') + '\r\n');
