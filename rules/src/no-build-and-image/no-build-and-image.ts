import { defineRule, get, isScalar, services, str } from '@composure/core/rule-kit';
import { setEntryFix } from '../suggest.js';

export const noBuildAndImage = defineRule({
  meta: {
    id: 'no-build-and-image',
    description: 'A service that sets both `build` and `image` must say with `pull_policy` whether Compose builds the image or pulls it.',
    severity: 'warning',
    recommended: true,
    category: 'hygiene',
    oncePerPlace: true,
    peers: ['dclint no-build-and-image'],
    hasSuggestions: true,
    messages: {
      setPullPolicy: 'Set pull_policy: {{policy}}',
      buildAndImage:
        'Service "{{service}}" sets both build and image "{{image}}" without pull_policy: Compose runs the image from the local cache or pulls it, and builds from source only when the pull fails, so source changes are not built unless you pass --build. Set pull_policy: build to always build it, or pull_policy: missing to keep this behaviour explicitly.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const build = get(service.node, 'build');
      const image = get(service.node, 'image');
      // `build:` left empty builds nothing; an image that is not a string is the schema's to report.
      if (!build || (isScalar(build) && (build.value === null || build.value === ''))) continue;
      if (!isScalar(image) || typeof image.value !== 'string' || image.value.trim() === '') continue;
      // Any pull_policy states the intent: build (build from source), missing (the default made explicit), never, always, daily….
      const policy = str(get(service.node, 'pull_policy'));
      if (policy !== undefined && policy !== '') continue;
      context.report({
        messageId: 'buildAndImage',
        data: { service: service.name, image: image.value },
        at: image,
        service: service.name,
        // The two the message offers; which one is the project's choice.
        suggest: ['build', 'missing'].flatMap((policy) => {
          const fix = setEntryFix(context.project, service.pair, 'pull_policy', policy, image.loc?.file);
          return fix ? [{ messageId: 'setPullPolicy' as const, data: { policy }, fix }] : [];
        }),
      });
    }
  },
});
