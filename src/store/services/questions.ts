import { randomInt, randomUUID } from 'node:crypto';
import type { Address } from '../../core/outreach/model.js';
import { addressSchema } from '../../core/outreach/model.js';
import {
  type Author,
  CODE_ALPHABET,
  type QuestionDesk,
  type QuestionStatus,
  type QuestionView,
} from '../../core/questions/model.js';
import type { Channel } from '../../core/usage.js';
import type { Store } from '../database.js';
import type { CoordinatorQuestionTable, QuestionMessageTable } from '../schema.js';
import type { Sealer } from './sealing.js';

/**
 * Questions to the coordinator in the store. The asker's address is sealed and erased when the question
 * closes; the messages are sealed too (a copy of the database alone does not read them) and go with the
 * question a configured number of days after it closes.
 */
const DAY = 24 * 60 * 60 * 1000;

function newCode(): string {
  return `V-${Array.from({ length: 5 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;
}

type MessageRow = Pick<QuestionMessageTable, 'author' | 'body' | 'created_at'>;

function sameAddress(a: Address, b: Address): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class StoreQuestionDesk implements QuestionDesk {
  constructor(
    private readonly store: Store,
    private readonly sealer: () => Promise<Sealer>,
    private readonly keepDays: number,
    private readonly bodies: () => Promise<Sealer>,
  ) {}

  private async sealBody(body: string): Promise<string> {
    return (await this.bodies()).seal(body);
  }

  async ask(body: string, asker: Address, channel: Channel, now: Date): Promise<QuestionView> {
    const sealed = (await this.sealer()).seal(asker);
    const sealedBody = await this.sealBody(body);
    const at = now.toISOString();
    for (let attempt = 0; ; attempt++) {
      const id = randomUUID();
      const code = newCode();
      try {
        await this.store.db.transaction().execute(async (trx) => {
          await trx.insertInto('coordinator_questions').values({ id, code, status: 'open', channel, asker: sealed, created_at: at }).execute();
          await trx.insertInto('question_messages').values({ id: randomUUID(), question_id: id, author: 'medewerker', body: sealedBody, created_at: at }).execute();
        });
        return { code, status: 'open', createdAt: at, closedAt: null, deleteAfter: null, messages: [{ author: 'medewerker', body, at }] };
      } catch (error) {
        // Two questions drew the same code (one in millions): draw again.
        if (attempt >= 3) throw error;
      }
    }
  }

  async reply(code: string, author: Author, body: string, now: Date): Promise<QuestionView | null> {
    const question = await this.row(code);
    if (!question || question.status === 'gesloten') return null;
    const at = now.toISOString();
    const sealedBody = await this.sealBody(body);
    await this.store.db.transaction().execute(async (trx) => {
      await trx.insertInto('question_messages').values({ id: randomUUID(), question_id: question.id, author, body: sealedBody, created_at: at }).execute();
      if (author === 'coordinator') {
        // Closed in the meantime (chat, page or the asker): it stays closed.
        await trx
          .updateTable('coordinator_questions')
          .set({ status: 'beantwoord', answered_at: question.answered_at ?? at })
          .where('id', '=', question.id)
          .where('status', '!=', 'gesloten')
          .execute();
      }
    });
    return this.view(code);
  }

  async close(code: string, now: Date): Promise<QuestionView | null> {
    const question = await this.row(code);
    if (!question) return null;
    if (question.status !== 'gesloten') {
      await this.store.db
        .updateTable('coordinator_questions')
        .set({ status: 'gesloten', closed_at: now.toISOString(), asker: null, delete_after: new Date(now.getTime() + this.keepDays * DAY).toISOString() })
        .where('id', '=', question.id)
        .execute();
    }
    return this.view(code);
  }

  async viewAsAsker(code: string, asker: Address): Promise<QuestionView | null> {
    const stored = await this.askerOf(code);
    return stored && sameAddress(stored, asker) ? this.view(code) : null;
  }

  async askerOf(code: string): Promise<Address | null> {
    const question = await this.row(code);
    if (!question?.asker) return null;
    const parsed = addressSchema.safeParse((await this.sealer()).open(question.asker));
    return parsed.success ? parsed.data : null;
  }

  async inbox(): Promise<QuestionView[]> {
    const rows = await this.store.db.selectFrom('coordinator_questions').select('code').where('status', '!=', 'gesloten').orderBy('created_at').execute();
    const views = await Promise.all(rows.map((r) => this.view(r.code)));
    return views.filter((v): v is QuestionView => v !== null);
  }

  async all(): Promise<QuestionView[]> {
    const questions = await this.store.db.selectFrom('coordinator_questions').selectAll().orderBy('created_at').execute();
    if (questions.length === 0) return [];
    // Two queries for the whole page, not one per question.
    const messages = await this.store.db
      .selectFrom('question_messages')
      .select(['question_id', 'author', 'body', 'created_at'])
      .where('question_id', 'in', questions.map((q) => q.id))
      .orderBy('created_at')
      .execute();
    const bodies = await this.bodies();
    return questions.map((q) => this.asView(q, messages.filter((m) => m.question_id === q.id), bodies));
  }

  async view(code: string): Promise<QuestionView | null> {
    const question = await this.row(code);
    if (!question) return null;
    const messages = await this.store.db
      .selectFrom('question_messages')
      .select(['author', 'body', 'created_at'])
      .where('question_id', '=', question.id)
      .orderBy('created_at')
      .execute();
    return this.asView(question, messages, await this.bodies());
  }

  private asView(question: CoordinatorQuestionTable, messages: MessageRow[], bodies: Sealer): QuestionView {
    return {
      code: question.code,
      status: question.status as QuestionStatus,
      createdAt: question.created_at,
      closedAt: question.closed_at,
      deleteAfter: question.delete_after,
      messages: messages.map((m) => ({
        author: m.author as Author,
        body: String(bodies.open(m.body)),
        at: m.created_at,
      })),
    };
  }

  async overdue(olderThan: Date, now: Date): Promise<QuestionView[]> {
    const limit = olderThan.toISOString();
    const rows = await this.store.db
      .selectFrom('coordinator_questions')
      .select(['id', 'code'])
      .where('status', '=', 'open')
      .where('created_at', '<=', limit)
      .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<=', limit)]))
      .execute();
    const due: QuestionView[] = [];
    for (const row of rows) {
      // Claimed with a conditional update, so with several instances one of them reminds.
      const claimed = await this.store.db
        .updateTable('coordinator_questions')
        .set({ reminded_at: now.toISOString() })
        .where('id', '=', row.id)
        .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('reminded_at', '<=', limit)]))
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      const view = await this.view(row.code);
      if (view) due.push(view);
    }
    return due;
  }

  async purge(now: Date): Promise<number> {
    const result = await this.store.db.deleteFrom('coordinator_questions').where('delete_after', '<=', now.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private row(code: string) {
    return this.store.db.selectFrom('coordinator_questions').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
  }
}
