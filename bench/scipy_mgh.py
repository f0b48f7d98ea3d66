"""scipy.optimize.least_squares on the Moré–Garbow–Hillstrom problems of test/support/mgh.js,
from x0, 10·x0 and 100·x0, with method 'lm' (MINPACK lmdif) and 'trf', both with scipy's
default '2-point' finite-difference Jacobian and default tolerances, as curve_fit would call them.

Reads a JSON file {runs: [{number, x0: [...], r0: [...]}]} (r0: the residuals that the JavaScript
definitions give at x0) and prints JSON {scipy, runs: [{number, agree, lm: {f, nfev, x}, trf: {...}}]}:
`agree` says whether these Python residuals match r0 to 1e-12 (relative), a check that the two
transcriptions of the problems are the same.
"""
import json
import math
import sys

import numpy as np
import scipy
from scipy.optimize import least_squares

BARD_Y = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.1, 4.39]
KOWALIK_Y = [0.1957, 0.1947, 0.1735, 0.16, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246]
KOWALIK_U = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625]
MEYER_Y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872]
OSBORNE1_Y = [0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.85, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658,
              0.628, 0.603, 0.58, 0.558, 0.538, 0.522, 0.506, 0.49, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431,
              0.424, 0.42, 0.414, 0.411, 0.406]
OSBORNE2_Y = [1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655,
              0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558,
              0.533, 0.495, 0.5, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562,
              0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739, 0.71,
              0.729, 0.72, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054]
GAUSSIAN_Y = [0.0009, 0.0044, 0.0175, 0.054, 0.1295, 0.242, 0.3521, 0.3989, 0.3521, 0.242, 0.1295, 0.054, 0.0175,
              0.0044, 0.0009]


def helical(x):
    theta = -0.25 if x[1] < 0 else 0.25
    if x[0] > 0:
        theta = math.atan(x[1] / x[0]) / (2 * math.pi)
    elif x[0] < 0:
        theta = math.atan(x[1] / x[0]) / (2 * math.pi) + 0.5
    return [10 * (x[2] - 10 * theta), 10 * (math.hypot(x[0], x[1]) - 1), x[2]]


def bard(x):
    return [BARD_Y[i - 1] - (x[0] + i / ((16 - i) * x[1] + min(i, 16 - i) * x[2])) for i in range(1, 16)]


def biggs(x):
    r = []
    for i in range(1, 14):
        t = 0.1 * i
        y = math.exp(-t) - 5 * math.exp(-10 * t) + 3 * math.exp(-4 * t)
        r.append(x[2] * math.exp(-t * x[0]) - x[3] * math.exp(-t * x[1]) + x[5] * math.exp(-t * x[4]) - y)
    return r


def osborne2(x):
    r = []
    for i in range(1, 66):
        t = (i - 1) / 10
        r.append(OSBORNE2_Y[i - 1] - (x[0] * math.exp(-t * x[4]) + x[1] * math.exp(-x[5] * (t - x[8]) ** 2)
                                       + x[2] * math.exp(-x[6] * (t - x[9]) ** 2)
                                       + x[3] * math.exp(-x[7] * (t - x[10]) ** 2)))
    return r


RESIDUALS = {
    1: lambda x: [10 * (x[1] - x[0] ** 2), 1 - x[0]],
    2: lambda x: [-13 + x[0] + ((5 - x[1]) * x[1] - 2) * x[1], -29 + x[0] + ((x[1] + 1) * x[1] - 14) * x[1]],
    3: lambda x: [1e4 * x[0] * x[1] - 1, math.exp(-x[0]) + math.exp(-x[1]) - 1.0001],
    4: lambda x: [x[0] - 1e6, x[1] - 2e-6, x[0] * x[1] - 2],
    5: lambda x: [y - x[0] * (1 - x[1] ** (i + 1)) for i, y in enumerate([1.5, 2.25, 2.625])],
    6: lambda x: [2 + 2 * i - (math.exp(i * x[0]) + math.exp(i * x[1])) for i in range(1, 11)],
    7: helical,
    8: bard,
    9: lambda x: [x[0] * math.exp(-x[1] * ((8 - i) / 2 - x[2]) ** 2 / 2) - GAUSSIAN_Y[i - 1] for i in range(1, 16)],
    10: lambda x: [x[0] * math.exp(x[1] / (45 + 5 * i + x[2])) - MEYER_Y[i - 1] for i in range(1, 17)],
    12: lambda x: [math.exp(-0.1 * i * x[0]) - math.exp(-0.1 * i * x[1])
                   - x[2] * (math.exp(-0.1 * i) - math.exp(-i)) for i in range(1, 11)],
    13: lambda x: [x[0] + 10 * x[1], math.sqrt(5) * (x[2] - x[3]), (x[1] - 2 * x[2]) ** 2,
                   math.sqrt(10) * (x[0] - x[3]) ** 2],
    14: lambda x: [10 * (x[1] - x[0] ** 2), 1 - x[0], math.sqrt(90) * (x[3] - x[2] ** 2), 1 - x[2],
                   math.sqrt(10) * (x[1] + x[3] - 2), (x[1] - x[3]) / math.sqrt(10)],
    15: lambda x: [y - x[0] * (u * u + u * x[1]) / (u * u + u * x[2] + x[3]) for y, u in zip(KOWALIK_Y, KOWALIK_U)],
    16: lambda x: [(x[0] + i / 5 * x[1] - math.exp(i / 5)) ** 2 + (x[2] + x[3] * math.sin(i / 5) - math.cos(i / 5)) ** 2
                   for i in range(1, 21)],
    17: lambda x: [OSBORNE1_Y[i - 1] - (x[0] + x[1] * math.exp(-10 * (i - 1) * x[3]) + x[2] * math.exp(-10 * (i - 1) * x[4]))
                   for i in range(1, 34)],
    18: biggs,
    19: osborne2,
}




def solve(fun, x0, method):
    try:
        with np.errstate(all="ignore"):
            res = least_squares(fun, x0, method=method)
        f = float(np.dot(res.fun, res.fun))
        return {"f": f if math.isfinite(f) else None, "nfev": int(res.nfev), "x": [float(v) for v in res.x],
                "status": int(res.status)}
    except (ValueError, OverflowError, ZeroDivisionError, np.linalg.LinAlgError) as e:
        return {"f": None, "nfev": None, "x": None, "error": str(e)[:80]}


def main(path):
    with open(path) as f:
        job = json.load(f)
    out = []
    for run in job["runs"]:
        base = RESIDUALS[run["number"]]
        m = len(run["r0"])

        def fun(x, base=base, m=m):
            try:
                return np.asarray(base(x), dtype=float)
            except (OverflowError, ZeroDivisionError):
                return np.full(m, np.inf)

        x0 = np.asarray(run["x0"], dtype=float)
        r0 = fun(x0)
        ref = np.asarray([np.inf if v is None else v for v in run["r0"]], dtype=float)
        agree = bool(np.all((r0 == ref) | (np.abs(r0 - ref) <= 1e-12 * np.maximum(np.abs(ref), 1))))
        out.append({"number": run["number"], "agree": agree, "lm": solve(fun, x0, "lm"), "trf": solve(fun, x0, "trf")})
    print(json.dumps({"scipy": scipy.__version__, "runs": out}))


if __name__ == "__main__":
    main(sys.argv[1])
