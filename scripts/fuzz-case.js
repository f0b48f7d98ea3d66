#!/usr/bin/env node
/** One fuzz case (scripts/fuzz.mjs): the built CLI's main(argv) in this process, then its exit code and peak RSS on stderr's last line. */
const { main } = require('../packages/cli/dist/main.js');
void main(process.argv.slice(2)).then((code) => {
  process.stderr.write(`\n@@fuzz ${JSON.stringify({ code, maxRSS_kB: process.resourceUsage().maxRSS })}\n`);
  process.exitCode = 0;
});
