/** T2's message conventions: errors red on stderr, info blue / ok green / warnings orange on stdout. */
const color = (code: string, stream: NodeJS.WriteStream) => (text: string) =>
  stream.isTTY && !process.env.NO_COLOR ? `\x1b[${code}m${text}\x1b[0m` : text;

export interface Log {
  error(text: string): void;
  info(text: string): void;
  ok(text: string): void;
  warn(text: string): void;
  out(text: string): void;
}

export const log: Log = {
  error: (text) => process.stderr.write(color('0;31', process.stderr)(text) + '\n'),
  info: (text) => process.stdout.write(color('0;34', process.stdout)(text) + '\n'),
  ok: (text) => process.stdout.write(color('0;32', process.stdout)(text) + '\n'),
  warn: (text) => process.stdout.write(color('0;33', process.stdout)(text) + '\n'),
  out: (text) => process.stdout.write(text + '\n'),
};

/** Collects messages of concurrent work so that they can be printed in a stable order. */
export function bufferedLog(): Log & { flush(): void } {
  const lines: [keyof Log, string][] = [];
  const add = (kind: keyof Log) => (text: string) => void lines.push([kind, text]);
  return {
    error: add('error'),
    info: add('info'),
    ok: add('ok'),
    warn: add('warn'),
    out: add('out'),
    flush: () => lines.splice(0).forEach(([kind, text]) => log[kind](text)),
  };
}

/** T2's answer to a bad command line: the message, a hint, exit status 1. */
export function usageError(tool: string, text: string): number {
  log.error(text);
  log.out(`Try '${tool} --help' for more information.`);
  return 1;
}
