"""scipy.optimize.nnls on the augmented Tikhonov systems of bench/inversion.mjs: per problem the
solution and the CPU time per solve (best of 3 runs of `repeats` solves, single-threaded BLAS)."""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import nnls

job = json.load(open(sys.argv[1]))
out = {"scipy": scipy.__version__, "problems": []}
for p in job["problems"]:
    A = np.array(p["A"], dtype=float)
    b = np.array(p["b"], dtype=float)
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for _ in range(p["repeats"]):
            x, _r = nnls(A, b, maxiter=50 * A.shape[1])
        best = min(best, (time.process_time() - t0) / p["repeats"])
    out["problems"].append({"x": x.tolist(), "secondsPerSolve": best})
print(json.dumps(out))
