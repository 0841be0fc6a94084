import type { BotReply } from '../messages/model.js';
import type { QuestionDesk } from '../questions/model.js';
import type { Texts } from '../texts/texts.js';
import type { Logger } from '../usage.js';
import { outgoingReply } from './messages.js';
import type { Address, Outbox, Outgoing } from './model.js';

/** Sends one message to an address; one per platform. Throws when it could not, so it is tried again. */
export interface Sender {
  send(address: Address, reply: BotReply): Promise<void>;
}

/** A platform without a sender here (Teams not configured on this instance): try later, maybe elsewhere. */
export class NoSender extends Error {
  constructor(platform: string) {
    super(`Geen verzender voor ${platform}`);
  }
}

const BATCH = 25;

/**
 * Sends what is due from the outbox. Every instance runs it; the outbox hands each message to one of them,
 * so it goes out once. A message that cannot be sent now is tried again later; the log gets the kind and
 * the attempt, never an address or a text.
 */
export class Deliverer {
  constructor(
    private readonly outbox: Outbox,
    private readonly questions: QuestionDesk | undefined,
    private readonly senders: Partial<Record<Address['platform'], Sender>>,
    private readonly texts: Texts,
    private readonly logger: Logger,
  ) {}

  async runDue(now: Date): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (const outgoing of await this.outbox.claimDue(now, BATCH)) {
      try {
        const reply = await this.render(outgoing);
        if (reply) {
          const sender = this.senders[outgoing.address.platform];
          if (!sender) throw new NoSender(outgoing.address.platform);
          await sender.send(outgoing.address, reply);
        }
        await this.outbox.sent(outgoing.id, now);
        sent++;
      } catch (error) {
        failed++;
        this.logger.warn('Bericht niet verstuurd; volgende poging later', { kind: outgoing.kind, attempt: outgoing.attempts + 1, error });
        await this.outbox.failed(outgoing.id, now);
      }
    }
    return { sent, failed };
  }

  /** What a web-chat visitor missed, shown before the answer to their next message. */
  async forVisitor(visitor: string, now: Date): Promise<BotReply[]> {
    const replies: BotReply[] = [];
    for (const outgoing of await this.outbox.takeForVisitor(visitor, now)) {
      const reply = await this.render(outgoing);
      if (reply) replies.push(reply);
    }
    return replies;
  }

  private async render(outgoing: Outgoing): Promise<BotReply | null> {
    const code = outgoing.payload.code;
    const question = code && this.questions ? await this.questions.view(code) : null;
    return outgoingReply(this.texts, outgoing, question);
  }
}
