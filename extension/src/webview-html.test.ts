import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, escapeHtml, messageHtml, withContentSecurityPolicy } from './webview-html.js';

const csp = 'https://*.vscode-cdn.net';

describe('withContentSecurityPolicy', () => {
  it('puts the policy first in the head: no script, inline styles and data: images only', () => {
    const html = withContentSecurityPolicy('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n</head><body><svg></svg></body></html>', csp);
    expect(html).toBe(
      `<!doctype html>\n<html lang="en">\n<head>\n<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39; ${csp}; img-src data: ${csp}; font-src ${csp};">\n<meta charset="utf-8">\n</head><body><svg></svg></body></html>`,
    );
    expect(contentSecurityPolicy(csp)).not.toContain('script-src');
  });

  it('adds the policy at the top when there is no head', () => {
    expect(withContentSecurityPolicy('<p>x</p>', csp)).toMatch(/^<meta http-equiv="Content-Security-Policy" [^>]*>\n<p>x<\/p>$/);
  });
});

describe('messageHtml', () => {
  it('escapes the message', () => {
    const html = messageHtml('t', 'a <b> & "c"', csp);
    expect(html).toContain('<p>a &#60;b&#62; &#38; &#34;c&#34;</p>');
    expect(html).toContain('Content-Security-Policy');
    expect(escapeHtml("'")).toBe('&#39;');
  });
});
