import { log } from './log.ts';

/**
 * T2's "(y/N)?" question: `-y` answers yes (echoed, as T2 does); without a terminal nobody can
 * answer, so the default (no) applies.
 */
export async function confirm(question: string, yes: boolean): Promise<boolean> {
  if (yes) {
    log.out(`${question} (y/N)? yes`);
    return true;
  }
  if (!process.stdin.isTTY) {
    log.out(`${question} (y/N)? no`);
    return false;
  }
  const { default: inquirer } = await import('inquirer');
  const { ok } = await inquirer.prompt<{ ok: boolean }>([{ type: 'confirm', name: 'ok', message: `${question}`, default: false }]);
  return ok;
}
