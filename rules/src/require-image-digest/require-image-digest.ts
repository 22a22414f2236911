import { defineRule, get, isScalar, isUninterpolated, parseImage, services, str } from '@composure/core/rule-kit';
import { unresolvedAt } from '../unresolved.js';

/** The digests Docker's reference grammar knows (go-digest's algorithms), each with its length in hex characters. */
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Whether `algorithm:hex` is a well-formed digest. */
function isDigest(digest: string): boolean {
  const colon = digest.indexOf(':');
  const length = DIGEST_LENGTHS[digest.slice(0, colon)];
  const hex = digest.slice(colon + 1);
  return colon > 0 && length !== undefined && hex.length === length && /^[0-9a-f]+$/.test(hex);
}

/** A local image ID (`sha256:9f86…` or its 64 hex characters): immutable, like a digest. */
const IMAGE_ID = /^(sha256:)?[0-9a-f]{64}$/;

export const requireImageDigest = defineRule({
  meta: {
    id: 'require-image-digest',
    description: 'Images should be pinned by digest (`image: name:tag@sha256:…`), so that what runs cannot change while the tag stays the same.',
    severity: 'info',
    category: 'hygiene',
    oncePerPlace: true,
    peers: ['compose-lint CL-0019'],
    messages: {
      notPinned:
        'Image "{{image}}" is not pinned by digest: {{tag}} can be pushed again with other content. Pin it as {{name}}@sha256:<digest> (Renovate or Dependabot keep digests up to date).',
      malformedDigest: `Image "{{image}}" has a malformed digest "{{digest}}": a digest is "sha256:" followed by 64 lowercase hexadecimal characters. Copy the image's full digest (docker buildx imagetools inspect {{name}}).`,
    },
  },
  check(context) {
    const { project } = context;
    const unresolved = unresolvedAt(project);
    for (const service of services(project)) {
      const image = get(service.node, 'image');
      // No image (a build-only service), or a value the schema reports (not a string).
      if (!isScalar(image) || typeof image.value !== 'string') continue;
      // Built locally and never pulled: the image name only tags the build.
      if (get(service.node, 'build') && str(get(service.node, 'pull_policy')) === 'build') continue;
      const reference = image.value.trim();
      // Its final text is unknown: the interpolation finding says why.
      if (reference === '' || isUninterpolated(reference) || unresolved(image.loc)) continue;
      if (IMAGE_ID.test(reference)) continue;
      const { repository, tag, digest } = parseImage(reference);
      // No name (`:tag`, `@…`): not an image reference, nothing to pin.
      if (repository === '' || (digest !== undefined && isDigest(digest))) continue;
      const name = digest === undefined ? reference : reference.slice(0, reference.indexOf('@'));
      if (digest === undefined) {
        const tagged = tag === undefined ? 'its implicit "latest" tag' : `the tag "${tag}"`;
        context.report({ messageId: 'notPinned', data: { image: reference, tag: tagged, name }, at: image, service: service.name });
      } else context.report({ messageId: 'malformedDigest', data: { image: reference, digest, name }, at: image, service: service.name });
    }
  },
});
