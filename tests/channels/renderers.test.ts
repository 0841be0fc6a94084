import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { replyBlocks, SECTION_LIMIT } from '../../src/channels/slack/blocks.js';
import { MAX_CARD_BYTES, replyCard } from '../../src/channels/teams/card.js';
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

  it('buttons are Action.Submit carrying the text the bot receives', () => {
    const reply = replies.find((r) => r.question) ?? replies[0];
    const card = replyCard(reply!) as { actions: { type: string; title: string; data: { text: string } }[] };
    expect(card.actions[0]).toEqual({ type: 'Action.Submit', title: '€50 of minder', data: { text: '€50 of minder', action: 'keuze' } });
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

  it('escapes what Slack would read as markup', () => {
    const blocks = replyBlocks({ intent: 'help', verdict: 'geen', amount: null, text: 'a < b & c > d <@U1>', actions: [] });
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'a &lt; b &amp; c &gt; d &lt;@U1&gt;' } });
  });
});
