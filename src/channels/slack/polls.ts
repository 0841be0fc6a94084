import type { PollTarget, PostRef } from '../../core/polls/model.js';
import type { PollCard, PollPublisher } from '../../core/polls/ports.js';
import { replyBlocks, replyFallbackText } from './blocks.js';
import type { SlackPoster } from './poster.js';

/** The weekly poll in Slack: the card with vote buttons, reminder and result in its thread. */
export class SlackPollPublisher implements PollPublisher {
  constructor(private readonly poster: SlackPoster) {}

  async post(target: PollTarget, card: PollCard): Promise<PostRef> {
    const reply = card.message;
    const message = { text: replyFallbackText(reply), blocks: replyBlocks(reply) };
    const ts = await this.poster.postMessage({ channel: target.channel, ...message });
    return { platform: 'slack', channel: target.channel, messageId: ts };
  }

  async reply(post: PostRef, card: PollCard): Promise<void> {
    const reply = card.message;
    const message = { text: replyFallbackText(reply), blocks: replyBlocks(reply) };
    await this.poster.postMessage({ channel: post.channel, ...message, thread_ts: post.messageId });
  }
}
