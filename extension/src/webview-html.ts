/**
 * The HTML the topology webview shows. Pure (no `vscode` import) so that it is unit-tested
 * without an editor.
 */

/** The Content-Security-Policy of the webview: the diagram is inline SVG and CSS, with no script. */
export function contentSecurityPolicy(cspSource: string): string {
  return `default-src 'none'; style-src 'unsafe-inline' ${cspSource}; img-src data: ${cspSource}; font-src ${cspSource};`;
}

/**
 * The server's self-contained HTML with a Content-Security-Policy `<meta>` as the first element
 * of its `<head>` (added at the top when the document has no head).
 */
export function withContentSecurityPolicy(html: string, cspSource: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(cspSource))}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) {
    const at = head.index + head[0].length;
    return `${html.slice(0, at)}\n${meta}${html.slice(at)}`;
  }
  return `${meta}\n${html}`;
}

/** A page with one message, for when there is nothing to draw. */
export function messageHtml(title: string, message: string, cspSource: string): string {
  return withContentSecurityPolicy(
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body { font: 14px/1.45 var(--vscode-font-family, system-ui, sans-serif); color: var(--vscode-foreground); padding: 24px 32px; }</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
</body>
</html>
`,
    cspSource,
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
