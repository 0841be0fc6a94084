import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { GedragsBot } from '../core/conversation/bot.js';
import { MemoryStateStore } from '../core/conversation/state.js';
import type { BotReply } from '../core/messages/model.js';
import type { RuleBase } from '../core/rulebase/load.js';
import { noUsage, type UsageRecorder } from '../core/usage.js';

/**
 * `gedragsbot ask --jsonl`: one conversation per input line, one answer line
 * per input line, in order (see shared/spec/ask-contract.md). A bad line gets
 * an error line and the run goes on.
 */
const conversationLine = z.object({
  id: z.union([z.string(), z.number()]),
  turns: z
    .array(z.string({ error: 'elke beurt is tekst' }), { error: '"turns" moet een lijst met tekst zijn' })
    .min(1, '"turns" is leeg'),
});

export interface AskResult {
  failures: number;
}

function idOf(value: unknown): string | number | null {
  if (value && typeof value === 'object' && 'id' in value) {
    const id = (value).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}

export async function askJsonl(
  ruleBase: RuleBase,
  input: Readable,
  output: Writable,
  usage: UsageRecorder = noUsage,
): Promise<AskResult> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let failures = 0;
  let n = 0;
  for await (const raw of lines) {
    // Files saved by Windows editors start with a byte-order mark; it is not part of the JSON.
    const line = n === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    n++;
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(line);
    } catch {
      failures++;
      output.write(`${JSON.stringify({ id: null, error: `regel ${n}: geen geldige JSON` })}\n`);
      continue;
    }
    const parsed = conversationLine.safeParse(parsedJson);
    if (!parsed.success) {
      failures++;
      const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'regel'}: ${i.message}`).join('; ');
      output.write(`${JSON.stringify({ id: idOf(parsedJson), error: `regel ${n}: ${why}` })}\n`);
      continue;
    }
    // Each line is its own conversation: nothing carries over between lines.
    const bot = new GedragsBot(ruleBase, new MemoryStateStore(), { usage });
    let reply: BotReply | undefined;
    for (const turn of parsed.data.turns) reply = await bot.reply('ask', turn);
    if (!reply) continue;
    output.write(
      `${JSON.stringify({ id: parsed.data.id, intent: reply.intent, verdict: reply.verdict, amount: reply.amount, text: reply.text })}\n`,
    );
  }
  return { failures };
}

const CONTACT_WAYS: ReadonlySet<string> = new Set(['telefoon', 'email', 'website', 'intranet']);
const EXPLAINED: ReadonlySet<string> = new Set(['wat', 'vervolg', 'bescherming']);

/** The answer for people: text, the choices and the rule it rests on. */
export function formatForPeople(reply: BotReply, options: { inlineChoices?: boolean } = {}): string {
  const lines = [reply.text];
  if (reply.question && options.inlineChoices !== false) lines.push(`  (${reply.question.choices.map((c) => c.label).join(' / ')})`);
  if (reply.contacts?.length) {
    for (const c of reply.contacts) {
      const role = c.details.find((d) => d.kind === 'rol')?.value;
      const how = c.details.filter((d) => CONTACT_WAYS.has(d.kind)).map((d) => d.value).join(', ');
      lines.push(`  • ${c.name}${role ? ` — ${role}` : ''}${how ? `: ${how}` : ''}`);
      // A meldwijzer route also says what it is for, what happens next and how you are protected.
      if (c.details.some((d) => d.kind === 'vervolg')) {
        for (const d of c.details.filter((x) => EXPLAINED.has(x.kind))) lines.push(`    ${d.label}: ${d.value}`);
      }
    }
  }
  if (reply.source) lines.push(`Bron: ${reply.source}`);
  return lines.join('\n');
}
