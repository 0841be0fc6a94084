import type { Role, SessionUser } from '../../store/services/sessions.js';
import { type Html, html } from './html.js';
import type { Texts } from './texts.js';

/** The frame of every back-office page: skip link, header with the pages this person may open, sign-out. */
export interface PageOptions {
  title: string;
  user?: SessionUser | undefined;
  /** The path of the page, to mark the current link. */
  current?: string;
  /** Extra scripts, served by the app (CSP: 'self' only). */
  scripts?: string[];
  /** A page made for printing: no navigation. */
  print?: boolean;
}

const NAV: { path: string; role: Role; key: string }[] = [
  { path: '/hr', role: 'hr', key: 'nav.hr' },
  { path: '/coordinator', role: 'coordinator', key: 'nav.coordinator' },
  { path: '/coordinator/vragen', role: 'coordinator', key: 'nav.vragen' },
];

/** The link of the current page: the longest path it starts with, so /coordinator/vragen is not also /coordinator. */
function currentLink(current: string | undefined): string | undefined {
  if (!current) return undefined;
  return NAV.map((n) => n.path)
    .filter((path) => current === path || current.startsWith(`${path}/`))
    .sort((a, b) => b.length - a.length)[0];
}

export function page(t: Texts, options: PageOptions, body: Html): string {
  const { user } = options;
  const links = NAV.filter((n) => user?.roles.includes(n.role));
  const here = currentLink(options.current);
  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — ${t.t('app.naam')}</title>
<link rel="stylesheet" href="/backoffice/static/backoffice.css">
</head>
<body${options.print ? html` class="afdruk"` : ''}>
<a class="skip" href="#inhoud">${t.t('nav.naar_inhoud')}</a>
<header class="kop">
  <div class="kop-binnen">
    <span class="merk">${t.t('app.naam')}</span>
    ${links.length > 0 && !options.print
      ? html`<nav aria-label="${t.t('nav.label')}"><ul>${links.map((l) => html`<li><a href="${l.path}"${l.path === here ? html` aria-current="page"` : ''}>${t.t(l.key)}</a></li>`)}</ul></nav>`
      : ''}
    ${user
      ? html`<form class="uit" method="post" action="/auth/uitloggen"><span class="wie">${user.name}</span> <button type="submit" class="knop-stil">${t.t('nav.uitloggen')}</button></form>`
      : ''}
  </div>
</header>
<main id="inhoud" tabindex="-1">
${body}
</main>
${(options.scripts ?? []).map((src) => html`<script src="${src}"></script>`)}
</body>
</html>`.value;
}

/** A page with one message: refused (403), sign-in failed, signed out. */
export function messagePage(
  t: Texts,
  title: string,
  lines: string[],
  user?: SessionUser,
  link?: { href: string; text: string },
): string {
  return page(t, { title, user }, html`<h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}${link ? html`<p><a href="${link.href}">${link.text}</a></p>` : ''}`);
}
