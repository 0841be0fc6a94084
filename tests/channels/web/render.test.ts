import { beforeAll, describe, expect, it } from 'vitest';
import { telHref, webCard, webHref } from '../../../src/channels/web/render.js';
import { markSvg, readableOnLight, themeCss } from '../../../src/channels/web/theme.js';
import type { BotReply } from '../../../src/core/messages/model.js';
import { allReplies } from '../../helpers/all-replies.js';
import { defaultRuleBase } from '../../helpers/rulebase.js';

const TEXTS = defaultRuleBase().texts;
let replies: BotReply[] = [];

beforeAll(async () => {
  replies = await allReplies();
}, 60_000);

describe('the web renderer of the neutral reply', () => {
  it('shows every button of every reply, and links only phone numbers, e-mail addresses and web pages', () => {
    expect(replies.length).toBeGreaterThan(500);
    for (const reply of replies) {
      const card = webCard(reply, TEXTS);
      expect(card.actions).toHaveLength((reply.question?.choices.length ?? 0) + reply.actions.length);
      for (const block of card.body) {
        const hrefs = block.type === 'contact' ? block.details.flatMap((d) => (d.href ? [d.href] : [])) : block.type === 'source' && block.href ? [block.href] : [];
        for (const href of hrefs) expect(href).toMatch(/^(tel:\+?\d+|mailto:[^\s@]+@[^\s@]+|https?:\/\/)/);
      }
    }
  });

  it('a referral: tel:, mailto:, the external site and the intranet pages; the rule links to the gedragscode', () => {
    const referral = replies.find((r) => r.verdict === 'doorverwijzen' && r.intent === 'ongewenst_gedrag');
    const card = webCard(referral!, TEXTS);
    const details = card.body.flatMap((b) => (b.type === 'contact' ? b.details : []));
    expect(details).toContainEqual({ label: 'Telefoon', text: '030 700 1234', href: 'tel:0307001234' });
    expect(details).toContainEqual({ label: 'E-mail', text: 'vertrouwenspersoon@gemeente.example', href: 'mailto:vertrouwenspersoon@gemeente.example' });
    expect(details).toContainEqual({
      label: 'Vertrouwenspersonen',
      text: 'intranet.gemeente.example/integriteit/vertrouwenspersonen',
      href: 'https://intranet.gemeente.example/integriteit/vertrouwenspersonen',
    });
    const gift = replies.find((r) => r.intent === 'geschenk' && r.source);
    expect(webCard(gift!, TEXTS).body.at(-1)).toMatchObject({ type: 'source', href: 'https://intranet.gemeente.example/integriteit/gedragscode' });
  });

  it('marks the answers to an open question, so the page can close them once the conversation moves on', () => {
    const asked = replies.find((r) => r.question?.slot === 'waarde')!;
    const card = webCard(asked, TEXTS);
    expect(card.actions.filter((a) => a.choice).map((a) => a.title)).toEqual(['€50 of minder', 'Meer dan €50', 'Weet ik niet']);
    const { question: _question, ...plain } = asked;
    const menu = webCard({ ...plain, actions: [{ id: 'registratie', label: 'Stoppen', value: 'stoppen' }] }, TEXTS);
    expect(menu.actions[0]).toEqual({ title: 'Stoppen', action: 'registratie', value: 'stoppen', choice: true });
  });

  it('offers the export as two downloads instead of data in the chat', () => {
    const reply: BotReply = { intent: 'registreren', verdict: 'geen', amount: null, text: 'Klaar.', actions: [], download: 'mijn_gegevens' };
    expect(webCard(reply, TEXTS).links).toEqual([
      { title: 'Download als CSV (spreadsheet)', href: '/api/mijn-gegevens.csv' },
      { title: 'Download als JSON', href: '/api/mijn-gegevens.json' },
    ]);
  });

  it('tel: and http(s) only from what really is a number or a page', () => {
    expect(telHref('0800-0113')).toBe('tel:08000113');
    expect(telHref('+31 (0)30 700 1234')).toBe('tel:+31307001234');
    expect(telHref('bel ons')).toBeNull();
    expect(webHref('javascript:alert(1)')).toBeNull();
    expect(webHref('https://www.113.nl')).toBe('https://www.113.nl/');
  });
});

describe('the organisation\'s colour', () => {
  it('must carry white text; the dark scheme gets a light tint that carries dark text', () => {
    expect(readableOnLight('#1d4f91')).toBe(true);
    expect(readableOnLight('#ffcc00')).toBe(false);
    const css = themeCss('#C8102E');
    expect(css).toContain('--brand: #c8102e;');
    expect(css).toMatch(/prefers-color-scheme: dark\) \{ :root \{ --brand: #[0-9a-f]{6}; --on-brand: #101216;/);
    expect(markSvg('#c8102e')).toContain('.b{fill:#c8102e}');
  });
});
