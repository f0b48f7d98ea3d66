"""numpy baseline for bench/md.mjs: the same origin-averaged FFT MSD (Calandrini et al. 2011) of
positions stored as float64 (frames, atoms, 3), in chunks of atoms so memory stays bounded.
Prints JSON: cpu_s, maxRSS_kB and MSD at a few lags for the comparison."""
import json, resource, sys, time
import numpy as np

path, frames, atoms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
t0 = time.process_time()
x = np.fromfile(path, dtype='<f8').reshape(frames, atoms, 3)
n = 1 << int(np.ceil(np.log2(2 * frames)))
power = np.zeros(n // 2 + 1)
squares = np.zeros(frames)
for a in range(0, atoms, 100):
    for c in range(3):
        s = x[:, a:a + 100, c]
        f = np.fft.rfft(s, n=n, axis=0)
        power += (f.real ** 2 + f.imag ** 2).sum(axis=1)
        squares += (s ** 2).sum(axis=1)
acf = np.fft.irfft(power, n=n)[:frames]
m = np.arange(frames)
q = 2 * squares.sum() - np.concatenate(([0.0], np.cumsum(squares[:-1] + squares[::-1][:-1])))
msd = (q - 2 * acf) / (frames - m) / atoms
msd[0] = 0
cpu = time.process_time() - t0
lags = [1, 10, 100, 1000, frames // 2]
print(json.dumps({'cpu_s': cpu, 'maxRSS_kB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 'msd': {str(l): msd[l] for l in lags}}))
