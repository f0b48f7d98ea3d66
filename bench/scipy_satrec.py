"""scipy.optimize.curve_fit on the same transients and start values as the Node benchmark.

Reads a JSON file {delay_s, signals: [[...]], starts: [[M_inf, T1, gamma]]}, fits
M_inf*(1 - exp(-(t/T1)**gamma)) with curve_fit's defaults (method 'lm' = MINPACK, bounds none),
and prints JSON {fitsPerSecond, chiSquare: [...], params: [[...]]} on stdout.
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import curve_fit


def model(t, m_inf, t1, gamma):
    return m_inf * (1.0 - np.exp(-np.power(t / t1, gamma)))


def main(path):
    with open(path) as f:
        job = json.load(f)
    t = np.asarray(job["delay_s"], dtype=float)
    signals = [np.asarray(s, dtype=float) for s in job["signals"]]
    starts = job["starts"]
    params, chi = [], []
    began = time.process_time()  # CPU time, as the Node side measures
    for y, p0 in zip(signals, starts):
        try:
            with np.errstate(all="ignore"):
                popt, _ = curve_fit(model, t, y, p0=p0)
        except (RuntimeError, ValueError):
            popt = np.full(3, np.nan)
        params.append(popt)
    elapsed = time.process_time() - began
    for y, p in zip(signals, params):
        with np.errstate(all="ignore"):
            r = model(t, *p) - y
        chi.append(float(np.dot(r, r)) if np.all(np.isfinite(r)) else None)
    print(json.dumps({"fitsPerSecond": len(signals) / elapsed, "chiSquare": chi,
                      "params": [[None if not np.isfinite(v) else float(v) for v in p] for p in params],
                      "scipy": __import__("scipy").__version__}))


if __name__ == "__main__":
    main(sys.argv[1])
