/**
 * One function calling every implementer of a hook in order. Generated per hook and plugin set,
 * so that each call inside is monomorphic (a loop over an array of hooks makes one megamorphic
 * call site for all plugins).
 */
export function chainHooks<A extends unknown[]>(hooks: readonly ((...args: A) => void)[]): (...args: A) => void {
  if (hooks.length === 0) return () => {};
  if (hooks.length === 1) return hooks[0];
  const names = hooks.map((_, i) => `h${i}`);
  const body = `return function (a, b) { ${names.map((n) => `${n}(a, b);`).join(' ')} };`;
  return new Function(...names, body)(...hooks) as (...args: A) => void;
}
