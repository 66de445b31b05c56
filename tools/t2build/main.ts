import { syncGeneratedFiles } from '../lib/generatedFiles.ts';

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--sync')) {
    for (const f of await syncGeneratedFiles()) console.log(`updated ${f}`);
    return 0;
  }
  return 1;
}
