// Set by t2build (esbuild define) in the core bundle and in every plugin bundle: a fingerprint of
// the core flag values. Undefined when running from sources (tests).
declare const T2_CORE_CONFIG_HASH: string | undefined;
