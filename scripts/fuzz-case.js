#!/usr/bin/env node
/**
 * One fuzz case (scripts/fuzz.mjs): the built CLI's main(argv) in this process, then on stderr's
 * last line its exit code, peak RSS and the non-finite numbers the printed JSON document held
 * before JSON.stringify wrote them as null (scripts/fuzz-lib.js, instrumentJson).
 */
const { instrumentJson } = require('./fuzz-lib.js');
const json = instrumentJson();
let stdout = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (stdout.length < 8e6) stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return write(chunk, ...rest);
};
const { main } = require('../packages/cli/dist/main.js');
void main(process.argv.slice(2)).then((code) => {
  const nonFinite = json.nonFiniteIn(stdout).slice(0, 50);
  process.stderr.write(`\n@@fuzz ${JSON.stringify({ code, maxRSS_kB: process.resourceUsage().maxRSS, nonFinite })}\n`);
  process.exitCode = 0;
});
