import type { Outbox } from '../outreach/model.js';
import type { UsageCount } from '../usage.js';
import type { QuestionDesk, QuestionView } from './model.js';
import { answerBucket } from './timing.js';

/**
 * What the integrity coordinator does with a question, wherever they do it: in the coordinators' Slack or
 * Teams channel or on the back office's page. One path for both, so an answer from the page reaches the
 * asker exactly like one from Slack (through the outbox, once) and is counted the same way.
 */
export interface CoordinatorPorts {
  desk: QuestionDesk;
  outbox: Outbox;
}

export type CountUsage = (counts: Omit<UsageCount, 'channel'>[]) => Promise<void>;

/** An answer, or a question back to the asker: both keep the question open for a reply. */
export type ReplyKind = 'antwoord' | 'terugvraag';

/** A question or answer longer than this is cut off; a chat message is not a letter. */
export const MAX_QUESTION_CHARS = 2000;

/** Invisible and control characters could make a question read differently to the other side. */
export function cleanBody(text: string): string {
  return text.replace(/\p{Cf}/gu, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
}

const answered = (view: QuestionView) => view.messages.some((m) => m.author === 'coordinator');

/**
 * The coordinator's reply, queued for the asker. Null when the question is gone or closed (also when it
 * was closed a moment ago by the asker). The first reply counts as answered, with the working days it
 * took as a band: HR gets a median without any question's date.
 */
export async function replyToAsker(
  ports: CoordinatorPorts,
  code: string,
  body: string,
  kind: ReplyKind,
  now: Date,
  count: CountUsage,
): Promise<QuestionView | null> {
  const before = await ports.desk.view(code);
  if (!before || before.status === 'gesloten') return null;
  const view = await ports.desk.reply(code, 'coordinator', body, now);
  const asker = await ports.desk.askerOf(code);
  if (!view || !asker) return null;
  const payload = kind === 'terugvraag' ? { code: view.code, soort: kind } : { code: view.code };
  await ports.outbox.enqueue('vraag_antwoord', `vraag_antwoord:${view.code}:${String(view.messages.length)}`, asker, payload, now);
  if (!answered(before)) {
    await count([{ event: 'vraag_beantwoord', intent: 'vraag_voorleggen', verdict: answerBucket(new Date(before.createdAt), now), at: now }]);
  }
  return view;
}

/** The count of a question closed by either side: whether it had an answer. */
export function closedCount(before: QuestionView, now: Date): Omit<UsageCount, 'channel'> {
  return { event: 'vraag_gesloten', intent: 'vraag_voorleggen', verdict: answered(before) ? 'beantwoord' : 'onbeantwoord', at: now };
}

/** Closed by a coordinator: the asker is told, their address erased. Null when it was closed already. */
export async function closeForAsker(
  ports: CoordinatorPorts,
  code: string,
  now: Date,
  count: CountUsage,
): Promise<QuestionView | null> {
  const before = await ports.desk.view(code);
  if (!before || before.status === 'gesloten') return null;
  const asker = await ports.desk.askerOf(code);
  if (asker) await ports.outbox.enqueue('vraag_gesloten', `vraag_gesloten:${before.code}:asker`, asker, { code: before.code }, now);
  const closed = await ports.desk.close(code, now);
  await count([closedCount(before, now)]);
  return closed;
}
