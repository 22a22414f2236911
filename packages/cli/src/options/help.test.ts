import { describe, expect, it } from 'vitest';
import { REACH_OPTIONS } from './commands.js';
import { descriptionOf, flagsOf, groupHelp, optionsHelp } from './help.js';
import { option } from './spec.js';

describe('--help from the option tables', () => {
  it('writes flags with the short one first, long-only ones aligned under long names, and both names of a negatable flag', () => {
    expect(flagsOf(option({ name: 'config', short: 'c', type: 'string', value: 'FILE', help: 'x' }))).toBe('-c, --config FILE');
    expect(flagsOf(option({ name: 'profile', type: 'string', value: 'NAME', help: 'x' }))).toBe('    --profile NAME');
    expect(flagsOf(option({ name: 'color', type: 'boolean', negatable: true, help: 'x' }))).toBe('    --color, --no-color');
    expect(flagsOf(option({ name: 'quiet', type: 'boolean', help: 'x' }))).toBe('    --quiet');
  });

  it('adds "; repeatable" to a repeatable option unless its text says how repeats combine, then the default', () => {
    expect(
      descriptionOf(option({ name: 'profile', type: 'string', value: 'NAME', repeatable: true, help: 'Enable a profile', default: 'COMPOSE_PROFILES' })),
    ).toEqual(['Enable a profile; repeatable (default: COMPOSE_PROFILES)']);
    expect(
      descriptionOf(option({ name: 'file', type: 'string', value: 'FILE', repeatable: true, help: 'A compose file; repeat to merge files in order' })),
    ).toEqual(['A compose file; repeat to merge files in order']);
    expect(descriptionOf(option({ name: 'n', type: 'string', value: 'N', help: 'One\ntwo', default: 'three' }))).toEqual(['One', 'two (default: three)']);
  });

  it('puts a description beside flags narrower than the column, under wider ones, continuation lines under it', () => {
    const group = {
      title: 'Some options',
      options: [
        option({ name: 'project-directory', type: 'string', value: 'DIR', help: 'Fits: one space before it' }),
        option({ name: 'failure-threshold', type: 'string', value: 'LEVEL', help: 'Too wide:\nthe text goes under' }),
      ],
    };
    expect(groupHelp(group)).toBe(
      [
        'Some options:',
        '      --project-directory DIR Fits: one space before it',
        '      --failure-threshold LEVEL',
        '                              Too wide:',
        '                              the text goes under',
      ].join('\n'),
    );
  });

  it('lists each group under its title, a blank line between groups', () => {
    const help = optionsHelp(REACH_OPTIONS);
    expect(
      help.startsWith(
        'Project options (as in docker compose):\n  -f, --file FILE             A compose file; repeat to merge files in order; - reads standard input\n',
      ),
    ).toBe(true);
    expect(help).toContain('(with - or -f -)\n\nReach options:\n      --from SERVICE          The service a connection starts from (with --to)\n');
    expect(help.endsWith('\n  -h, --help                  Show this help')).toBe(true);
  });
});
