import { defineRule, get, isScalar, isUninterpolated, services, str } from '@composure/core/rule-kit';
import optionsSchema from './options.schema.json' with { type: 'json' };

export interface RequireImageTagOptions {
  /** Floating tags to accept anyway (e.g. `stable` for a registry that promotes releases to it). */
  allowedTags: string[];
}

/** Tags that name a moving target rather than a release. */
export const FLOATING_TAGS: readonly string[] = ['latest', 'stable', 'edge', 'dev', 'nightly', 'beta', 'canary', 'lts'];

export interface ImageReference {
  /** Everything before the tag and digest: `[registry[:port]/]path`. */
  name: string;
  tag?: string;
  digest?: string;
}

/**
 * Splits `[registry[:port]/]path[:tag][@digest]` as Docker's reference grammar does:
 * the tag is after the last `:` of the last path component, so the port of
 * `registry:5000/app` is not a tag.
 */
export function parseImageReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const nameAndTag = at === -1 ? reference : reference.slice(0, at);
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const colon = nameAndTag.lastIndexOf(':');
  const tagged = colon > nameAndTag.lastIndexOf('/');
  return {
    name: tagged ? nameAndTag.slice(0, colon) : nameAndTag,
    ...(tagged ? { tag: nameAndTag.slice(colon + 1) } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** `algorithm:encoded`, e.g. `sha256:9f86…`. */
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/i;

const defaultOptions: RequireImageTagOptions = { allowedTags: [] };

export const requireImageTag = defineRule({
  meta: {
    id: 'require-image-tag',
    description: 'Images must be pinned to a version tag or a digest, not left untagged or on a floating tag such as `latest`.',
    severity: 'warning',
    recommended: true,
    category: 'hygiene',
    peers: ['dclint service-image-require-explicit-tag', 'compose-lint CL-0004', 'DockSec'],
    optionsSchema,
    messages: {
      noTag: 'Image "{{image}}" has no tag, which means "latest", a tag that moves with every release: pin a version tag ({{name}}:<version>) or a digest.',
      floatingTag: 'Image "{{image}}" uses the floating tag "{{tag}}", which moves with every release: pin a version tag ({{name}}:<version>) or a digest.',
    },
  },
  defaultOptions,
  check(context) {
    // The configuration was validated against options.schema.json at load; the filter only satisfies the types.
    const configured = Array.isArray(context.options.allowedTags) ? context.options.allowedTags : [];
    const allowed = new Set(configured.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase()));
    const floating = new Set(FLOATING_TAGS.filter((t) => !allowed.has(t)));

    for (const service of services(context.project)) {
      const image = get(service.node, 'image');
      // No image (a build-only service), or a value the schema reports (not a string).
      if (!isScalar(image) || typeof image.value !== 'string') continue;
      // Never pulled: `never` takes the image from the local store (built or loaded there), `build`
      // builds it. The name then only finds a local image; there is no registry tag to pin.
      const pullPolicy = str(get(service.node, 'pull_policy'));
      if (pullPolicy === 'never' || (get(service.node, 'build') && pullPolicy === 'build')) continue;
      const reference = image.value;
      if (reference === '' || isUninterpolated(reference)) continue;
      const { name, tag, digest } = parseImageReference(reference);
      // No name (`@…`, `:tag`): not an image reference at all, nothing to pin.
      if (name === '' || (digest !== undefined && DIGEST.test(digest))) continue;
      if (tag === undefined) {
        if (!floating.has('latest')) continue;
        context.report({ messageId: 'noTag', data: { image: reference, name }, at: image, service: service.name });
      } else if (tag !== '' && floating.has(tag.toLowerCase())) {
        // An empty tag (`app:`) comes from an unset variable, which the interpolation finding already reports.
        context.report({ messageId: 'floatingTag', data: { image: reference, tag, name }, at: image, service: service.name });
      }
    }
  },
});
