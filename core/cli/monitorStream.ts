import { closeSync, fstatSync, openSync, unlinkSync, writeSync } from 'node:fs';

export interface MonitorStream {
  write(text: string): void;
  close(): void;
}

/** The monitoring stream: stdout, or PREFIX_monitoring.txt with -m (deleted at exit if it stayed empty). */
export function openMonitorStream(toFile: boolean, prefix: string, writeStdout: (text: string) => void): MonitorStream {
  if (!toFile) return { write: writeStdout, close: () => {} };
  const name = prefix + MON_SUFFIX;
  const fd = openSync(name, 'w');
  return {
    write: (text) => {
      writeSync(fd, text);
    },
    close: () => {
      const empty = fstatSync(fd).size === 0;
      closeSync(fd);
      if (empty) unlinkSync(name);
    },
  };
}
