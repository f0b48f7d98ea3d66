/**
 * A fuzz worker thread (scripts/fuzz.mjs --threads): loads the built CLI once and runs case after
 * case through main(argv), with stdout and stderr captured and the JSON instrumentation of
 * scripts/fuzz-lib.js; the main thread ends a worker that passes the time limit and starts another.
 */
'use strict';
const { parentPort } = require('worker_threads');
const { instrumentJson } = require('./fuzz-lib.js');
const { main } = require('../packages/cli/dist/main.js');

const json = instrumentJson();
const captured = { stdout: '', stderr: '' };
const capture =
  (stream) =>
  (chunk, ...rest) => {
    if (captured[stream].length < 8e6) captured[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((r) => typeof r === 'function');
    if (callback) callback();
    return true;
  };
process.stdout.write = capture('stdout');
process.stderr.write = capture('stderr');

parentPort.on('message', ({ id, argv }) => {
  captured.stdout = '';
  captured.stderr = '';
  void main(argv).then(
    (code) =>
      parentPort.postMessage({
        id,
        code,
        stdout: captured.stdout,
        stderr: captured.stderr,
        nonFinite: json.nonFiniteIn(captured.stdout).slice(0, 50),
      }),
    (e) =>
      parentPort.postMessage({ id, code: 1, stdout: captured.stdout, stderr: `${captured.stderr}uncaught: ${String(e)}`, nonFinite: [] }),
  );
});
