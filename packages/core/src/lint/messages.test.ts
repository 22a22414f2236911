import { describe, expect, it } from 'vitest';
import { placeholdersOf, renderMessage } from './messages.js';

describe('renderMessage', () => {
  it('fills every placeholder from the data, spaces inside the braces allowed', () => {
    expect(renderMessage('Service "{{service}}" publishes {{ port }} twice ({{port}}).', { service: 'web', port: 80 })).toBe(
      'Service "web" publishes 80 twice (80).',
    );
  });

  it('leaves a placeholder without data as written, and never fills one from a value', () => {
    expect(renderMessage('{{a}} and {{missing}}', { a: '{{b}}', b: 'no' })).toBe('{{b}} and {{missing}}');
  });

  it("takes only the data object's own names", () => {
    expect(renderMessage('{{toString}}', {})).toBe('{{toString}}');
  });
});

describe('placeholdersOf', () => {
  it('lists each name once, in order of first use', () => {
    expect(placeholdersOf('{{b}} {{ a }} {{b}}')).toEqual(['b', 'a']);
  });
});
