// Preloaded into t2 by bench/run.mjs (node -r): at exit, prints the CPU seconds of the main
// thread and of all other threads (workers, V8's compiler and GC threads) from /proc, as
// `t2bench-cpu MAIN OTHER`. On a 2-core machine the other threads share the second core, so
// both figures bound the wall time.
const { readdirSync, readFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

function cpuSeconds(task) {
  const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

if (isMainThread) {
  process.on('exit', () => {
    let main = 0;
    let other = 0;
    for (const task of readdirSync('/proc/self/task')) {
      try {
        if (task === String(process.pid)) main = cpuSeconds(task);
        else other += cpuSeconds(task);
      } catch {
        // A thread that ended while the list was read.
      }
    }
    process.stderr.write(`t2bench-cpu ${main.toFixed(2)} ${other.toFixed(2)}\n`);
  });
}
