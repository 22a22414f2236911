/**
 * The nginx image's templates (https://github.com/nginxinc/docker-nginx#using-environment-variables-in-nginx-configuration):
 * at start its entrypoint runs `envsubst` on /etc/nginx/templates/*.template with the names of
 * the defined environment variables, so `${VAR}` and `$VAR` of a defined variable become its
 * value and every other `$name` (NGINX's own variables) is left alone.
 */
export interface Substituted {
  text: string;
  /** The offset in the template of an offset in the substituted text: inside a value, the reference's start. */
  toTemplate(offset: number): number;
}

export function substituteTemplate(template: string, environment: ReadonlyMap<string, string>): Substituted {
  const pieces: { from: number; to: number; at: number; length: number }[] = [];
  let text = '';
  let last = 0;
  for (const m of template.matchAll(/\$(?:\{(\w+)\}|(\w+))/g)) {
    const value = environment.get(m[1] ?? m[2]);
    if (value === undefined) continue;
    pieces.push({ from: last, to: m.index, at: text.length, length: m.index - last });
    text += template.slice(last, m.index);
    pieces.push({ from: m.index, to: m.index, at: text.length, length: -value.length });
    text += value;
    last = m.index + m[0].length;
  }
  pieces.push({ from: last, to: template.length, at: text.length, length: template.length - last });
  text += template.slice(last);
  return {
    text,
    toTemplate(offset) {
      const piece = pieces.findLast((p) => p.at <= offset) ?? pieces[0];
      // A copied piece maps one to one; a value maps to where its reference starts.
      return piece.length >= 0 ? piece.from + Math.min(offset - piece.at, piece.length) : piece.from;
    },
  };
}
