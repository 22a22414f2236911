import { configValidatorFrom } from '@composure/core';
import validate from '../generated/config-validator.js';

/**
 * The complete configuration check: core's schema with `rules` narrowed to the
 * ids that exist and each rule's options checked against its options.schema.json
 * (built by scripts/build-config-schema.mjs).
 */
export const validateConfig = configValidatorFrom(validate);
