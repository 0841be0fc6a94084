import express, { type Request, type Response, type Router } from 'express';
import {
  cleanBody,
  closeForAsker,
  type CoordinatorPorts,
  type CountUsage,
  MAX_QUESTION_CHARS,
  replyToAsker,
  type ReplyKind,
} from '../../core/questions/coordinator.js';
import type { QuestionView } from '../../core/questions/model.js';
import { workingDaysBetween } from '../../core/questions/timing.js';
import type { Logger, UsageRecorder } from '../../core/usage.js';
import type { SignIn } from '../auth/oidc.js';
import { sameOrigin } from '../auth/oidc.js';
import { day, moment } from './format.js';
import { type Html, html } from './html.js';
import { page } from './layout.js';
import type { Texts } from './texts.js';

/**
 * /coordinator/vragen: the questions put to the coordinator, the same inbox as the coordinators' channel.
 * An answer, a question back or closing goes through the same calls as in the chat, so it reaches the
 * asker through the outbox exactly like one from Slack. There is nothing here about who asked: the store
 * gives this page no asker, and the page logs no question or answer.
 */
export interface QuestionsPageOptions {
  ports: CoordinatorPorts;
  usage: UsageRecorder;
  auth: SignIn;
  texts: Texts;
  logger: Logger;
  publicUrl: string;
  /** After this many working days without an answer a question is marked (and the channel reminded). */
  reminderWorkingDays: number;
  keepDays: number;
  now: () => Date;
}

const KINDS: readonly ReplyKind[] = ['antwoord', 'terugvraag'];
const SHORT_CHARS = 280;

type Notice = { kind: 'fout' | 'klaar'; text: string };

const one = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Since when the question waits for the coordinator: its first message, or the asker's latest reply. */
function waitingSince(q: QuestionView): string | null {
  if (q.status === 'gesloten') return null;
  if (q.status === 'open') return q.createdAt;
  const last = q.messages.at(-1);
  return last?.author === 'medewerker' ? last.at : null;
}

export function questionsRoutes(o: QuestionsPageOptions): Router {
  const { ports, auth, texts: t } = o;
  const router = express.Router();
  const guard = auth.page('coordinator');
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const count: CountUsage = async (counts) => {
    try {
      await o.usage.record(counts.map((c) => ({ ...c, channel: 'web' as const })));
    } catch (error) {
      o.logger.error('Gebruikstelling niet opgeslagen', error);
    }
  };

  const days = (q: QuestionView) => workingDaysBetween(new Date(q.createdAt), o.now());
  const overdue = (q: QuestionView) => {
    const since = waitingSince(q);
    return since !== null && workingDaysBetween(new Date(since), o.now()) >= o.reminderWorkingDays;
  };
  const openFor = (q: QuestionView) => (days(q) === 0 ? t.t('vragen.werkdagen_nul') : t.t('vragen.werkdagen', { aantal: days(q) }));
  const badges = (q: QuestionView): Html => {
    const reply = q.status === 'beantwoord' && waitingSince(q) !== null;
    return html`<span class="status status-vraag-${reply ? 'reactie' : q.status}">${t.t(reply ? 'vragen.status.reactie' : `vragen.status.${q.status}`)}</span>${overdue(q)
      ? html` <span class="signaal">${t.t('vragen.te_lang', { aantal: o.reminderWorkingDays })}</span>`
      : ''}`;
  };
  const short = (body: string) => (body.length > SHORT_CHARS ? `${body.slice(0, SHORT_CHARS).trimEnd()}…` : body);

  const card = (q: QuestionView): Html => {
    const followUps = q.messages.length - 1;
    const facts = [
      t.t('vragen.gesteld_op', { wanneer: moment(q.createdAt) }),
      ...(q.status === 'gesloten'
        ? [t.t('vragen.gesloten_op', { wanneer: q.closedAt ? moment(q.closedAt) : '', dag: day(q.deleteAfter) })]
        : [openFor(q)]),
      ...(followUps > 0 ? [t.t('vragen.vervolg', { aantal: followUps })] : []),
    ];
    return html`<li class="vraag${overdue(q) ? ' te-lang' : q.status === 'gesloten' ? ' gesloten' : ''}">
<div class="vraag-kop"><a class="code" href="/coordinator/vragen/${q.code}" aria-label="${t.t('vragen.open_vraag', { code: q.code })}">${q.code}</a> ${badges(q)}</div>
<blockquote class="vraag-tekst">${short(q.messages[0]?.body ?? '')}</blockquote>
<p class="vraag-feiten">${facts.join(' · ')}</p>
</li>`;
  };

  router.get('/coordinator/vragen', guard, async (req, res) => {
    const all = await ports.desk.all();
    // Waiting for the coordinator first, longest waiting on top; then waiting for the asker; closed last.
    const waiting = all.filter((q) => waitingSince(q) !== null)
      .sort((a, b) => (waitingSince(a) ?? '').localeCompare(waitingSince(b) ?? ''));
    const answered = all.filter((q) => q.status !== 'gesloten' && waitingSince(q) === null);
    const closed = all.filter((q) => q.status === 'gesloten').sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
    const list = (items: QuestionView[]) => html`<ul class="vragen">${items.map(card)}</ul>`;
    const body = html`
<h1>${t.t('vragen.titel')}</h1>
<p class="inleiding">${t.t('vragen.inleiding')}</p>
<h2>${t.t('vragen.kop_wachtend', { aantal: waiting.length })}</h2>
${waiting.length === 0 ? html`<p>${t.t('vragen.geen_wachtend')}</p>` : list(waiting)}
<h2>${t.t('vragen.kop_beantwoord', { aantal: answered.length })}</h2>
<p class="hulp">${t.t('vragen.beantwoord_uitleg')}</p>
${answered.length === 0 ? html`<p>${t.t('vragen.geen_beantwoord')}</p>` : list(answered)}
<h2>${t.t('vragen.kop_gesloten', { aantal: closed.length })}</h2>
<p class="hulp">${t.t('vragen.gesloten_uitleg', { aantal: o.keepDays })}</p>
${closed.length === 0 ? html`<p>${t.t('vragen.geen_gesloten')}</p>` : list(closed)}`;
    res.type('html').send(page(t, { title: t.t('vragen.titel'), user: await auth.person(req), current: '/coordinator/vragen' }, body));
  });

  const detail = async (req: Request, q: QuestionView, notice?: Notice, input?: { kind: ReplyKind; text: string }) => {
    const kind = input?.kind ?? 'antwoord';
    const title = t.t('vragen.detail_titel', { code: q.code });
    const body = html`
<p><a href="/coordinator/vragen">${t.t('vragen.terug')}</a></p>
<h1>${title}</h1>
${notice ? html`<div class="melding melding-${notice.kind}" role="${notice.kind === 'fout' ? 'alert' : 'status'}">${notice.text}</div>` : ''}
<dl class="velden">
  <dt>${t.t('kolom.status')}</dt><dd>${badges(q)}</dd>
  <dt>${t.t('vragen.veld.gesteld')}</dt><dd>${moment(q.createdAt)}</dd>
  ${q.status === 'gesloten'
    ? html`<dt>${t.t('vragen.veld.gesloten')}</dt><dd>${q.closedAt ? moment(q.closedAt) : ''}</dd><dt>${t.t('vragen.veld.verdwijnt')}</dt><dd>${day(q.deleteAfter)}</dd>`
    : html`<dt>${t.t('vragen.veld.open')}</dt><dd>${openFor(q)}</dd>`}
</dl>
<h2>${t.t('vragen.gesprek')}</h2>
<ol class="gesprek">${q.messages.map((m) => html`<li class="bericht bericht-${m.author}">
<p class="afzender">${t.t(`vragen.auteur.${m.author}`)} <span class="wanneer">${moment(m.at)}</span></p>
<div class="tekst">${m.body}</div>
</li>`)}</ol>
${q.status === 'gesloten'
  ? html`<p class="melding">${t.t('vragen.is_gesloten')}</p>`
  : html`<h2>${t.t('vragen.reageren')}</h2>
<form class="besluit" method="post" action="/coordinator/vragen/${q.code}/antwoord">
<fieldset>
  <legend>${t.t('vragen.soort_kop')}</legend>
  ${KINDS.map((k) => html`<div class="keuze"><input type="radio" id="soort-${k}" name="soort" value="${k}"${kind === k ? html` checked` : ''}><label for="soort-${k}">${t.t(`vragen.soort.${k}`)}</label></div>`)}
</fieldset>
<div class="veld">
  <label for="tekst">${t.t('vragen.tekst')}</label>
  <textarea id="tekst" name="tekst" maxlength="${MAX_QUESTION_CHARS}" rows="6" required aria-describedby="tekst-uitleg">${input?.text ?? ''}</textarea>
  <p id="tekst-uitleg" class="hulp">${t.t('vragen.tekst_uitleg', { max: MAX_QUESTION_CHARS })}</p>
</div>
<button type="submit">${t.t('vragen.versturen')}</button>
</form>
<h2>${t.t('vragen.sluiten')}</h2>
<form class="besluit" method="post" action="/coordinator/vragen/${q.code}/sluiten">
<p class="hulp">${t.t('vragen.sluiten_uitleg', { aantal: o.keepDays })}</p>
<button type="submit" class="knop-licht">${t.t('vragen.knop_sluiten')}</button>
</form>`}`;
    return page(t, { title, user: await auth.person(req), current: '/coordinator/vragen' }, body);
  };

  const notFound = async (req: Request, res: Response) => {
    const title = t.t('vragen.niet_gevonden');
    res.status(404).type('html').send(page(t, { title, user: await auth.person(req), current: '/coordinator/vragen' }, html`<h1>${title}</h1><p><a href="/coordinator/vragen">${t.t('vragen.terug')}</a></p>`));
  };

  router.get('/coordinator/vragen/:code', guard, async (req, res) => {
    const q = await ports.desk.view(String(req.params.code));
    if (!q) {
      await notFound(req, res);
      return;
    }
    const sent = one(req.query.verstuurd);
    const notice: Notice | undefined = sent && (KINDS as readonly string[]).includes(sent)
      ? { kind: 'klaar', text: t.t(`vragen.verstuurd.${sent}`) }
      : req.query.gesloten === '1' ? { kind: 'klaar', text: t.t('vragen.gesloten') } : undefined;
    res.type('html').send(await detail(req, q, notice));
  });

  router.post('/coordinator/vragen/:code/antwoord', guard, sameOrigin(o.publicUrl, t), form, async (req, res) => {
    const q = await ports.desk.view(String(req.params.code));
    if (!q) {
      await notFound(req, res);
      return;
    }
    const fields = req.body as Record<string, unknown>;
    const kind = (KINDS as readonly string[]).includes(one(fields.soort) ?? '') ? (one(fields.soort) as ReplyKind) : 'antwoord';
    const raw = one(fields.tekst) ?? '';
    const text = cleanBody(raw);
    const problem = text === '' ? t.t('vragen.fout_leeg') : text.length > MAX_QUESTION_CHARS ? t.t('vragen.fout_te_lang', { max: MAX_QUESTION_CHARS }) : undefined;
    if (problem) {
      res.status(400).type('html').send(await detail(req, q, { kind: 'fout', text: problem }, { kind, text: raw }));
      return;
    }
    const view = await replyToAsker(ports, q.code, text, kind, o.now(), count);
    if (!view) {
      const now = (await ports.desk.view(q.code)) ?? q;
      res.status(409).type('html').send(await detail(req, now, { kind: 'fout', text: t.t('vragen.al_gesloten') }));
      return;
    }
    res.redirect(303, `/coordinator/vragen/${view.code}?verstuurd=${kind}`);
  });

  router.post('/coordinator/vragen/:code/sluiten', guard, sameOrigin(o.publicUrl, t), form, async (req, res) => {
    const q = await ports.desk.view(String(req.params.code));
    if (!q) {
      await notFound(req, res);
      return;
    }
    // Closing twice (a double click, two coordinators) is no error: the question is closed either way.
    await closeForAsker(ports, q.code, o.now(), count);
    res.redirect(303, `/coordinator/vragen/${q.code}?gesloten=1`);
  });

  return router;
}
