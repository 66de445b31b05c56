import { build, type Metafile } from 'esbuild';
import { resolve } from 'node:path';
import type { FlagValue } from '../../core/config/defineFlags.ts';
import { defineMap } from '../../core/config/defineMap.ts';
import type { Component } from '../lib/components.ts';
import { NODE_BUNDLE } from '../lib/nodeBundle.ts';
import { t2tsAliases } from '../lib/paths.ts';

export interface BundleOptions {
  readonly coreValues: Readonly<Record<string, FlagValue>>;
  /** The component's own flags (empty for the core). */
  readonly ownValues: Readonly<Record<string, FlagValue>>;
  readonly coreHash: string;
  readonly debug: boolean;
}

export interface Bundle {
  readonly code: string;
  readonly inputs: string[];
}

/**
 * Bundles a component into one self-contained ESM file. Every flag becomes a literal define and
 * minifySyntax folds the conditions on them, so code of disabled modes is not in the bundle.
 */
export async function bundleComponent(component: Component, options: BundleOptions): Promise<Bundle> {
  const result = await build({
    ...NODE_BUNDLE,
    entryPoints: [component.entry],
    metafile: true,
    minifySyntax: true,
    treeShaking: true,
    legalComments: 'none',
    sourcemap: options.debug ? 'inline' : false,
    alias: t2tsAliases(),
    define: {
      ...defineMap(options.coreValues),
      ...defineMap(options.ownValues),
      T2_CORE_CONFIG_HASH: JSON.stringify(options.coreHash),
    },
    banner: { js: `// ${component.name}: built by t2build (core configuration ${options.coreHash})` },
  });
  return { code: result.outputFiles[0]!.text, inputs: inputFiles(result.metafile) };
}

function inputFiles(meta: Metafile): string[] {
  return Object.keys(meta.inputs).map((f) => resolve(f));
}
