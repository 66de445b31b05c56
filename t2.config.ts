import { defineConfig } from './core/config/index.ts';

// Build-time flags of the core (tranalyzer2) and of the plugins. Only values that differ from
// the defaults declared in core/flags.ts and plugins/*/flags.ts belong here.
// Edit with t2conf (e.g. `t2conf tranalyzer2 -D ALARM_MODE=1`), then rebuild with `t2build -R`.
export default defineConfig({
  tranalyzer2: {},
  tcpWin: {},
});
