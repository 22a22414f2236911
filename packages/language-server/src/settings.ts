/** What the client's answer for the `composure` settings section means: defaults fill the gaps. */
import type { Settings } from './protocol.js';

export const DEFAULT_SETTINGS: Settings = Object.freeze({ enable: true, configFile: '', profiles: [], envFiles: [], files: [] });

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);

/** Settings from whatever the client answered (null, a partial object, wrong types). */
export function settingsOf(raw: unknown): Settings {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : true,
    configFile: typeof value.configFile === 'string' ? value.configFile : '',
    profiles: strings(value.profiles),
    envFiles: strings(value.envFiles),
    files: strings(value.files),
  };
}
