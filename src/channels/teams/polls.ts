import type { ConversationReference } from 'botbuilder';
import type { ChannelDirectory } from '../../core/channels.js';
import { GedragsbotError } from '../../core/errors.js';
import type { PollTarget, PostRef } from '../../core/polls/model.js';
import type { PollCard, PollPublisher } from '../../core/polls/ports.js';
import type { TeamsConnection } from './adapter.js';
import { replyActivity } from './handler.js';

/**
 * The weekly poll in Teams: a proactive Adaptive Card in a team channel the
 * bot was added to (its stored reference), reminder and result as replies in
 * that card's thread.
 */
export class TeamsPollPublisher implements PollPublisher {
  constructor(
    private readonly teams: Pick<TeamsConnection, 'post'>,
    private readonly channels: ChannelDirectory,
  ) {}

  private async reference(channel: string): Promise<Partial<ConversationReference>> {
    const target = await this.channels.find('teams', channel);
    if (!target) {
      throw new GedragsbotError('NOT_FOUND', `Teams-kanaal ${channel} is onbekend: voeg de bot eerst toe aan het team en noem hem daar één keer.`);
    }
    return JSON.parse(target.address) as Partial<ConversationReference>;
  }

  async post(target: PollTarget, card: PollCard): Promise<PostRef> {
    const reference = await this.reference(target.channel);
    let messageId = '';
    await this.teams.post(reference, async (context) => {
      const sent = await context.sendActivity(replyActivity(card.message));
      messageId = sent?.id ?? '';
    });
    return { platform: 'teams', channel: target.channel, messageId };
  }

  async reply(post: PostRef, card: PollCard): Promise<void> {
    const reference = await this.reference(post.channel);
    const thread = `${post.channel};messageid=${post.messageId}`;
    const conversation = { ...(reference.conversation ?? { isGroup: true, conversationType: 'channel', name: '' }), id: thread };
    await this.teams.post({ ...reference, conversation }, async (context) => {
      await context.sendActivity(replyActivity(card.message));
    });
  }
}
