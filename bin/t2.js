#!/bin/sh
':' //; exec node --v8-pool-size=1 "$0" "$@"
// t2: runs the core bundle that t2build put into the plugin folder (core and plugins of one
// configuration live together there, so the core can refuse plugins built for another one).
// Run as a program, the two lines above are a shell script that starts node with one V8
// background thread instead of four: on two cores V8's compile and GC threads otherwise take the
// analyzer's core in bursts (large captures: 4-6 % faster, bench/README.md). `env -S` in the #!
// line would be shorter, but BusyBox's env has no -S. For node, line 2 is a string and a comment.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const argv = process.argv.slice(2);

/** The plugin folder as the core will see it: the last -p (also -pDIR), else T2's default. */
function pluginFolder() {
  let dir;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-p' && i + 1 < argv.length) dir = argv[++i];
    else if (argv[i].startsWith('-p') && argv[i].length > 2 && !argv[i].startsWith('--')) dir = argv[i].slice(2);
  }
  return dir ? resolve(dir) : join(process.env.HOME ?? homedir(), '.tranalyzer/plugins');
}

const folder = pluginFolder();
const core = join(folder, 'tranalyzer2.mjs');
if (!existsSync(core)) {
  process.stderr.write(`[ERR] No tranalyzer2 core in '${folder}': build it with 't2build tranalyzer2'` +
    `${argv.includes('-p') ? ` -p ${folder}` : ''}\n`);
  process.exit(1);
}
const { main } = await import(pathToFileURL(core).href);
process.exitCode = await main(argv);
