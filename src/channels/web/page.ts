import type { Engine } from '../../core/engine/engine.js';

/** The rule base's words, as the engine hands them to channels. */
type Texts = Engine['texts'];
import { Html, html } from '../../server/backoffice/html.js';

/**
 * The web chat's one page, rendered on the server so its words come from rules/teksten and its name from the
 * configuration. The script gets the sentences it says itself (errors, "typt…") as JSON in a script element of
 * type application/json: data, never run, so the Content-Security-Policy needs no inline script.
 */
export interface PageLook {
  organisation: string | undefined;
  /** A configured logo: then it has a meaningful alt text; the bot's own mark is decoration. */
  ownLogo: boolean;
}

/** The sentences chat.js needs, by the names it uses. */
const SCRIPT_TEXTS = ['web.fout', 'web.onbereikbaar', 'web.typt', 'web.jij', 'web.bot', 'web.gekozen'] as const;

export function chatPage(texts: Texts, look: PageLook): string {
  const forScript = Object.fromEntries(SCRIPT_TEXTS.map((key) => [key.slice(4), texts.t(key)]));
  // "</script>" inside the JSON would end the element early; as \u003c it cannot.
  const json = JSON.stringify(forScript).replace(/</g, '\\u003c');
  const org = look.organisation;
  const title = org ? texts.t('web.paginatitel_organisatie', { organisatie: org }) : texts.t('web.paginatitel');
  const alt = look.ownLogo && org ? texts.t('web.logo', { organisatie: org }) : '';
  return `<!doctype html>\n${html`<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>${title}</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/chat.css">
  <link rel="stylesheet" href="/static/huisstijl.css">
</head>
<body>
  <header class="top">
    <img class="logo" src="/static/logo" alt="${alt}" width="40" height="40">
    <div class="brand">
      ${org ? html`<p class="org">${org}</p>` : ''}
      <h1>${texts.t('web.titel')}</h1>
    </div>
    <button type="button" id="nieuw" class="secondary">${texts.t('web.nieuw_gesprek')}</button>
  </header>
  <main>
    <section id="log" aria-live="polite" aria-label="${texts.t('web.gesprek')}" tabindex="-1"></section>
    <form id="ask" autocomplete="off">
      <label for="text" class="visually-hidden">${texts.t('web.label_vraag')}</label>
      <input id="text" name="text" maxlength="2000" placeholder="${texts.t('web.voorbeeld')}" required>
      <button type="submit">${texts.t('web.verstuur')}</button>
    </form>
  </main>
  <script type="application/json" id="teksten">${new Html(json)}</script>
  <script src="/static/chat.js"></script>
</body>
</html>
`.toString()}`;
}
