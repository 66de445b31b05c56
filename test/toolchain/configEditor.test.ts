import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigEditor } from '../../tools/t2conf/configEditor.ts';

const ORIGINAL = `import { defineConfig } from 't2ts/config';

// Site configuration: keep these comments!
export default defineConfig({
  // core flags
  tranalyzer2: {
    VERBOSE: 1, // quieter report
    /* hashing */ HASHFACTOR: 2,
  },
  /* one-line section */
  txtSink: { TFS_SPLIT: 0 },
  'odd-name': {},
});
`;

function edited(edit: (e: ConfigEditor) => void): string {
  const file = join(mkdtempSync(join(tmpdir(), 't2conf-')), 't2.config.ts');
  writeFileSync(file, ORIGINAL);
  const editor = new ConfigEditor(file);
  edit(editor);
  return editor.text();
}

describe('t2conf edits t2.config.ts through its syntax tree', () => {
  it('changes values in place and adds flags and sections in the file style, keeping comments', () => {
    const text = edited((e) => {
      e.set('tranalyzer2', 'VERBOSE', 2);
      e.set('tranalyzer2', 'ALARM_MODE', 1);
      e.set('txtSink', 'SEP_CHR', ',');
      e.set('tcpWin', 'TCPWIN_THRES', 16, '0x10');
      e.set('odd-name', 'X', 'it\'s');
    });
    expect(text).toMatchSnapshot();
  });

  it('reset empties a section and leaves the rest untouched', () => {
    const text = edited((e) => {
      e.reset('tranalyzer2');
      e.reset('notThere');
    });
    expect(text).toBe(ORIGINAL.replace(/tranalyzer2: \{[^}]*\}/s, 'tranalyzer2: {}'));
  });

  it('an edit that sets the same value again changes nothing else', () => {
    expect(edited((e) => e.set('tranalyzer2', 'HASHFACTOR', 2))).toBe(ORIGINAL);
  });
});
