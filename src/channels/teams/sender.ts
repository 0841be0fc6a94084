import type { ConversationReference } from 'botbuilder';
import type { ChannelDirectory } from '../../core/channels.js';
import { GedragsbotError } from '../../core/errors.js';
import type { BotReply } from '../../core/messages/model.js';
import type { Sender } from '../../core/outreach/deliver.js';
import type { Address } from '../../core/outreach/model.js';
import type { TeamsConnection } from './adapter.js';
import { replyActivity } from './handler.js';

/**
 * What the bot sends on its own in Teams: to a person in their own chat with the bot, or to a team channel
 * the bot was added to (the coordinators' inbox), from the reference kept when it was added there.
 */
export class TeamsSender implements Sender {
  constructor(
    private readonly teams: Pick<TeamsConnection, 'post' | 'personal'>,
    private readonly channels: ChannelDirectory,
  ) {}

  async send(address: Address, reply: BotReply): Promise<void> {
    if (address.platform !== 'teams') throw new GedragsbotError('INTERNAL', `Geen Teams-adres: ${address.platform}`);
    const activity = replyActivity(reply);
    if ('user' in address) {
      await this.teams.personal(address, async (context) => {
        await context.sendActivity(activity);
      });
      return;
    }
    const target = await this.channels.find('teams', address.channel);
    if (!target) {
      throw new GedragsbotError('NOT_FOUND', `Teams-kanaal ${address.channel} is onbekend: voeg de bot toe aan het team en noem hem daar één keer.`);
    }
    await this.teams.post(JSON.parse(target.address) as Partial<ConversationReference>, async (context) => {
      await context.sendActivity(activity);
    });
  }
}
