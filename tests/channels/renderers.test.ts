import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { replyBlocks, SECTION_LIMIT } from '../../src/channels/slack/blocks.js';
import { MAX_CARD_BYTES, replyCard } from '../../src/channels/teams/card.js';
import { formCard } from '../../src/channels/teams/form-card.js';
import { homeView, readModal, registerModal } from '../../src/channels/slack/views.js';
import { menuReply } from '../../src/core/messages/compose.js';
import { readForm, type RegisterForm, registerForm } from '../../src/core/registers/form.js';
import { defaultRuleBase } from '../helpers/rulebase.js';
import type { BotReply } from '../../src/core/messages/model.js';
import { allReplies } from '../helpers/all-replies.js';

// The official renderer's own bundle: it parses cards in Node and reports every warning.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

interface SlackBlock {
  type: string;
  text?: { text: string };
  elements?: { action_id?: string; text?: { text: string }; value?: string }[];
}

let replies: BotReply[] = [];
const TEXTS = defaultRuleBase().texts;

/** Every form our code can show: empty, prefilled, and back with problems. */
function allForms(): RegisterForm[] {
  const now = new Date('2026-11-22T10:00:00Z');
  const wrong = (register: 'geschenk' | 'nevenwerk', values: Record<string, string | string[]>) => {
    const read = readForm(TEXTS, register, values, '2026-11-22', now);
    if (read.ok) throw new Error('expected problems');
    return read.form;
  };
  return [
    registerForm(TEXTS, 'geschenk'),
    registerForm(TEXTS, 'nevenwerk'),
    registerForm(TEXTS, 'geschenk', { date: '2026-11-22', valueEuros: 80, giverRelation: 'leverancier', accepted: false, direction: 'aangeboden' }),
    registerForm(TEXTS, 'nevenwerk', { kind: 'nevenwerk', relations: ['zaken', 'toezicht'], hoursPerWeek: 4, paid: true }),
    wrong('geschenk', { date: '2099-01-01', valueEuros: 'veel', description: '<b>x</b>' }),
    wrong('nevenwerk', { kind: 'nevenwerk', hoursPerWeek: '100', startDate: '2024-01-01', endDate: '2023-01-01', relations: ['zaken'] }),
  ];
}

function parseWarnings(card: unknown): string[] {
  const context = new AC.SerializationContext();
  new AC.AdaptiveCard().parse(card, context);
  return Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
}
beforeAll(async () => {
  replies = await allReplies();
}, 60_000);

describe('Adaptive Cards 1.5 (Teams and the web chat)', () => {
  it('every card our code produces parses in the official renderer without warnings and stays under 28 KB', () => {
    expect(replies.length).toBeGreaterThan(500);
    for (const reply of replies) {
      const card = replyCard(reply);
      const context = new AC.SerializationContext();
      new AC.AdaptiveCard().parse(card, context);
      const warnings = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
      expect(warnings, reply.text.slice(0, 60)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
      expect(card.version).toBe('1.5');
    }
  });

  it('every register form card parses without warnings, keeps values and shows problems', () => {
    const forms = allForms();
    for (const form of forms) {
      const card = formCard(form);
      expect(parseWarnings(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    }
    expect(JSON.stringify(formCard(forms[4]!))).toContain('ligt in de toekomst');
    expect(parseWarnings(replyCard(menuReply(TEXTS, defaultRuleBase().organisation)))).toEqual([]);
  });

  it('buttons are Action.Submit carrying the action id and its code, never a sentence to understand again', () => {
    const reply = replies.find((r) => r.question) ?? replies[0];
    const card = replyCard(reply!) as { actions: { type: string; title: string; data: { text: string } }[] };
    expect(card.actions[0]).toEqual({ type: 'Action.Submit', title: '€50 of minder', data: { text: 'laag', action: 'waarde' } });
  });
});

describe('Slack Block Kit', () => {
  it('every message keeps Slack\'s limits', () => {
    for (const reply of replies) {
      const blocks = replyBlocks(reply) as unknown as SlackBlock[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      const ids = new Set<string>();
      for (const block of blocks) {
        if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(SECTION_LIMIT);
        if (block.type === 'actions') {
          expect(block.elements?.length).toBeLessThanOrEqual(25);
          for (const button of block.elements ?? []) {
            expect(button.text?.text.length).toBeLessThanOrEqual(75);
            expect(button.value?.length).toBeLessThanOrEqual(2000);
            expect(ids.has(button.action_id ?? '')).toBe(false);
            ids.add(button.action_id ?? '');
          }
        }
      }
    }
  });

  it('register modals keep Slack\'s limits and read back into the same form values', () => {
    for (const form of allForms()) {
      const view = registerModal(form, { register: form.register, channel: 'D0ABC1234' }) as {
        title: { text: string };
        blocks: { type: string; block_id?: string; label?: { text: string }; element?: Record<string, unknown> }[];
        private_metadata: string;
      };
      expect(view.title.text.length).toBeLessThanOrEqual(24);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(view.private_metadata.length).toBeLessThanOrEqual(3000);
      for (const block of view.blocks.filter((b) => b.type === 'input')) {
        expect(block.label?.text.length).toBeLessThanOrEqual(2000);
        expect(block.element?.action_id).toBe(block.block_id);
      }
    }
    const values = readModal({
      direction: { direction: { type: 'static_select', selected_option: { value: 'ontvangen' } } },
      date: { date: { type: 'datepicker', selected_date: '2026-11-20' } },
      description: { description: { type: 'plain_text_input', value: 'Taart' } },
      valueEuros: { valueEuros: { type: 'plain_text_input', value: null } },
      relations: { relations: { type: 'checkboxes', selected_options: [{ value: 'zaken' }] } },
    });
    expect(values).toEqual({ direction: 'ontvangen', date: '2026-11-20', description: 'Taart', relations: ['zaken'] });
    const home = homeView(menuReply(TEXTS, defaultRuleBase().organisation)) as { type: string; blocks: unknown[] };
    expect(home.type).toBe('home');
    expect(JSON.stringify(home.blocks)).toContain('gedragsbot_registreer_geschenk');
  });

  it('escapes what Slack would read as markup', () => {
    const blocks = replyBlocks({ intent: 'help', verdict: 'geen', amount: null, text: 'a < b & c > d <@U1>', actions: [] });
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'a &lt; b &amp; c &gt; d &lt;@U1&gt;' } });
  });
});

describe('contact details as links in every channel', () => {
  const reply: BotReply = {
    intent: 'misstand_melden',
    verdict: 'doorverwijzen',
    amount: null,
    text: 'Hier kun je een datalek melden: [niet dit](https://example.org).',
    contacts: [{
      name: 'Privacyteam',
      details: [
        { kind: 'vervolg', label: 'Wat gebeurt er dan', value: 'Binnen 72 uur & meteen.' },
        { kind: 'telefoon', label: 'Telefoon', value: '030 700 4321' },
        { kind: 'email', label: 'E-mail', value: 'privacy@gemeente.example' },
        { kind: 'website', label: 'Website', value: 'https://www.huisvoorklokkenluiders.nl/' },
        { kind: 'intranet', label: 'Intranet', value: 'https://intranet.gemeente.example/privacy?a=1&b=2' },
      ],
    }],
    actions: [],
  };

  it('Slack: <tel:…|…>, <mailto:…|…> and <https://…|…> in mrkdwn; other text escaped, not linked', () => {
    const blocks = replyBlocks(reply) as unknown as SlackBlock[];
    const contact = blocks[1]!.text!.text;
    expect(contact).toContain('<tel:0307004321|030 700 4321>');
    expect(contact).toContain('<mailto:privacy@gemeente.example|privacy@gemeente.example>');
    expect(contact).toContain('<https://www.huisvoorklokkenluiders.nl/|huisvoorklokkenluiders.nl>');
    expect(contact).toContain('<https://intranet.gemeente.example/privacy?a=1&amp;b=2|');
    expect(contact).toContain('_Wat gebeurt er dan:_ Binnen 72 uur &amp; meteen.');
    expect(blocks[0]!.text!.text).not.toContain('<https://example.org');
  });

  it('Teams and the web chat: markdown links as the facts\' values, in a card that parses without warnings', () => {
    const card = replyCard(reply) as { body: { items?: { facts?: { title: string; value: string }[] }[] }[] };
    const facts = card.body[1]!.items![1]!.facts!;
    expect(facts).toContainEqual({ title: 'Telefoon', value: '[030 700 4321](tel:0307004321)' });
    expect(facts).toContainEqual({ title: 'E-mail', value: '[privacy@gemeente.example](mailto:privacy@gemeente.example)' });
    expect(facts).toContainEqual({ title: 'Website', value: '[huisvoorklokkenluiders.nl](https://www.huisvoorklokkenluiders.nl/)' });
    expect(facts).toContainEqual({ title: 'Wat gebeurt er dan', value: 'Binnen 72 uur & meteen.' });
    expect(parseWarnings(card)).toEqual([]);
  });

  it('every meldwijzer route with a phone number, address or page is a link in Slack and Teams', () => {
    const routes = replies.filter((r) => r.contacts?.some((c) => c.details.some((d) => d.kind === 'vervolg')));
    expect(routes.length).toBe(10);
    for (const r of routes) {
      const slack = JSON.stringify(replyBlocks(r));
      const teams = JSON.stringify(replyCard(r));
      for (const d of r.contacts!.flatMap((c) => c.details).filter((x) => x.kind === 'telefoon' || x.kind === 'email')) {
        const href = d.kind === 'telefoon' ? `tel:${d.value.replace(/[^\d+]/g, '')}` : `mailto:${d.value}`;
        expect(slack).toContain(`<${href}|${d.value}>`);
        expect(teams).toContain(`[${d.value}](${href})`);
      }
    }
  });
});
