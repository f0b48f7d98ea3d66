"""scipy.optimize.curve_fit on the same transients and start values as the Node benchmark.

Reads a JSON file {delay_s, signals: [[...]], starts: [[M, T1, gamma]], lower?, upper?}, fits
M*(1 - exp(-(t/T1)**gamma)) and prints JSON {fitsPerSecond, chiSquare: [...], params: [[...]],
nfev: [...], method, scipy} on stdout. Without bounds curve_fit uses its default method 'lm'
(MINPACK); with bounds (lower/upper per parameter, "inf"/"-inf" for none, as JSON has no
infinities) it uses 'trf', as a user calling curve_fit(..., bounds=...) gets.
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
    bounds = (-np.inf, np.inf)
    if "lower" in job:
        bounds = (np.asarray(job["lower"], dtype=float), np.asarray(job["upper"], dtype=float))
    params, chi, nfev = [], [], []
    began = time.process_time()  # CPU time, as the Node side measures
    for y, p0 in zip(signals, starts):
        try:
            with np.errstate(all="ignore"):
                popt, _, info, _, _ = curve_fit(model, t, y, p0=p0, bounds=bounds, full_output=True)
            nfev.append(int(info["nfev"]))
        except (RuntimeError, ValueError):
            popt = np.full(3, np.nan)
            nfev.append(None)
        params.append(popt)
    elapsed = time.process_time() - began
    for y, p in zip(signals, params):
        with np.errstate(all="ignore"):
            r = model(t, *p) - y
        chi.append(float(np.dot(r, r)) if np.all(np.isfinite(r)) else None)
    print(json.dumps({"fitsPerSecond": len(signals) / elapsed, "chiSquare": chi, "nfev": nfev,
                      "params": [[None if not np.isfinite(v) else float(v) for v in p] for p in params],
                      "method": "lm" if "lower" not in job else "trf",
                      "scipy": __import__("scipy").__version__}))


if __name__ == "__main__":
    main(sys.argv[1])
