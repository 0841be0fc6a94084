import type { GedragsBot } from '../conversation/bot.js';
import type { ActionId, BotReply } from '../messages/model.js';
import type { PollServices } from '../polls/services.js';
import { isPersonal } from '../privacy.js';
import type { RegisterForm } from '../registers/form.js';
import type { RegisterName } from '../registers/model.js';
import type { Texts } from '../texts/texts.js';
import type { Logger } from '../usage.js';
import type { Outcome, Turn } from './interaction.js';

/**
 * The one entry point of the core: every channel turns its transport into a Turn and renders the
 * Outcomes it gets back. Routing (votes, forms, poll commands, questions), privacy in shared places
 * and the kind answer on failure live here, once, instead of in each channel.
 */
const REGISTER_ACTIONS: Record<string, RegisterName> = {
  registreer_geschenk: 'geschenk',
  registreer_nevenfunctie: 'nevenwerk',
};

export class Engine {
  constructor(
    private readonly bot: GedragsBot,
    private readonly logger: Logger,
    private readonly polls?: PollServices,
    /** Messages waiting for a web-chat visitor (an answer from the coordinator), shown at their next turn. */
    private readonly waiting?: (visitor: string) => Promise<BotReply[]>,
  ) {}

  /** The words of the rule base, for the few sentences a channel says itself (an unreadable request). */
  get texts(): Texts {
    return this.bot.texts;
  }

  async handle(turn: Turn): Promise<Outcome[]> {
    try {
      const earlier = await this.missed(turn);
      return [...earlier, ...(await this.route(turn))];
    } catch (error) {
      this.logger.error('Beurt mislukt', error);
      // Said when something broke: the person is never left without an answer, the log has the detail.
      const reply: BotReply = { intent: 'help', verdict: 'geen', amount: null, text: this.bot.texts.t('fout.algemeen'), actions: [] };
      return [{ kind: 'reply', reply, to: turn.place.kind === 'shared' ? 'person' : 'here' }];
    }
  }

  /** The web chat cannot be written to: what came for the visitor meanwhile comes with their next turn. */
  private async missed(turn: Turn): Promise<Outcome[]> {
    if (turn.address?.platform !== 'web' || !this.waiting) return [];
    try {
      const replies = await this.waiting(turn.address.visitor);
      return replies.map((reply) => ({ kind: 'reply', reply, to: 'here' }));
    } catch (error) {
      // A message that could not be read now waits for the next turn; this turn's answer goes first.
      this.logger.error('Wachtende berichten niet te lezen', error);
      return [];
    }
  }

  private conversation(turn: Turn): string {
    // One conversation per person, wherever they write: a flow begun in a channel continues in private.
    return turn.user;
  }

  private context(turn: Turn) {
    const files = turn.downloads ? { downloads: true } : {};
    return { channel: turn.channel, user: turn.user, ...(turn.address ? { address: turn.address } : {}), ...files };
  }

  private async route(turn: Turn): Promise<Outcome[]> {
    const { interaction } = turn;
    switch (interaction.kind) {
      case 'install':
      case 'home':
        return [{ kind: 'reply', reply: this.bot.menu(), to: 'here' }];
      case 'vote': {
        if (!this.polls || (turn.channel !== 'slack' && turn.channel !== 'teams')) return [];
        const { pollId, optionId } = interaction;
        const text = await this.polls.scheduler.vote(pollId, turn.user, optionId, turn.channel, this.polls.now());
        // Only the voter hears that the vote counted; the channel sees nothing until the result.
        return [{ kind: 'reply', reply: plain(text), to: 'person' }];
      }
      case 'form': {
        const { register, values } = interaction;
        const result = await this.bot.submitRegistration(this.conversation(turn), register, values, this.context(turn));
        return 'form' in result ? this.form(turn, result.form) : this.answer(turn, result.reply);
      }
      case 'action': {
        const register = REGISTER_ACTIONS[interaction.id];
        if (register && turn.forms !== 'none') {
          const opened = await this.bot.registrationForm(this.conversation(turn), register, this.context(turn));
          return 'form' in opened ? this.form(turn, opened.form) : this.answer(turn, opened.reply);
        }
        const action = { id: interaction.id as ActionId, value: interaction.value };
        return this.answer(turn, await this.bot.act(this.conversation(turn), action, this.context(turn)));
      }
      case 'text':
        return this.text(turn, interaction.text);
    }
  }

  private async text(turn: Turn, text: string): Promise<Outcome[]> {
    // "poll …" is the WIO's; in a channel it plans or posts right there.
    const here = turn.place.kind === 'shared' ? { platform: turn.place.platform, channel: turn.place.channel } : undefined;
    const command = await this.polls?.commands.handle(text, { user: turn.user, here }, this.polls.now());
    if (command) return [{ kind: 'reply', reply: command, to: 'here' }];
    return this.answer(turn, await this.bot.reply(this.conversation(turn), text, this.context(turn)));
  }

  /** A register is filled in privately: a modal is private already, a card in a channel goes to the person. */
  private form(turn: Turn, form: RegisterForm): Outcome[] {
    if (turn.place.kind === 'shared' && turn.forms === 'card') {
      return [{ kind: 'form', form, to: 'person' }, { kind: 'note', text: this.bot.texts.t('prive.notitie') }];
    }
    return [{ kind: 'form', form, to: 'here' }];
  }

  /** In a shared place, what concerns one person goes to that person and the place gets a neutral note. */
  private answer(turn: Turn, reply: BotReply): Outcome[] {
    if (turn.place.kind === 'shared' && isPersonal(reply)) {
      return [{ kind: 'reply', reply, to: 'person' }, { kind: 'note', text: this.bot.texts.t('prive.notitie') }];
    }
    return [{ kind: 'reply', reply, to: 'here' }];
  }
}

function plain(text: string): BotReply {
  return { intent: 'dilemma', verdict: 'geen', amount: null, text, actions: [] };
}
