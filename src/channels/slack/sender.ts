import { GedragsbotError } from '../../core/errors.js';
import type { BotReply } from '../../core/messages/model.js';
import type { Sender } from '../../core/outreach/deliver.js';
import type { Address } from '../../core/outreach/model.js';
import { replyBlocks, replyFallbackText } from './blocks.js';
import type { SlackPoster } from './poster.js';

/**
 * What the bot sends on its own in Slack. A user id as the channel of chat.postMessage lands in that
 * person's own chat with the app; a channel id (the coordinators' inbox) in that channel.
 */
export class SlackSender implements Sender {
  constructor(private readonly poster: Pick<SlackPoster, 'postMessage'>) {}

  async send(address: Address, reply: BotReply): Promise<void> {
    if (address.platform !== 'slack') throw new GedragsbotError('INTERNAL', `Geen Slack-adres: ${address.platform}`);
    const channel = 'user' in address ? address.user : address.channel;
    await this.poster.postMessage({ channel, text: replyFallbackText(reply), blocks: replyBlocks(reply) });
  }
}
