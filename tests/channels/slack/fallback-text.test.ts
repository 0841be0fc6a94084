import { describe, expect, it } from 'vitest';
import { replyFallbackText } from '../../../src/channels/slack/blocks.js';

describe('Slack notification text', () => {
  it('is escaped like the blocks: a "<!channel>" or "<https://…|…>" typed into a register cannot ping or link', () => {
    const text = replyFallbackText({ intent: 'help', verdict: 'geen', amount: null, text: 'Gever: <!channel> & <https://evil.example|Bouw BV>', actions: [] });
    expect(text).toBe('Gever: &lt;!channel&gt; &amp; &lt;https://evil.example|Bouw BV&gt;');
  });
});
