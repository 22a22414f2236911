/**
 * composure's version: every package and the extension are released together at one version,
 * set with `node scripts/set-version.mjs <version>`, which rewrites this line too.
 */
export const COMPOSURE_VERSION = '0.1.0';
