import express, { type Request, type Router } from 'express';
import { GedragsbotError } from '../../core/errors.js';
import { fieldsOf, shownValue } from '../../core/registers/fields.js';
import type { Logger } from '../../core/usage.js';
import { toCsv } from '../../reports/csv.js';
import type { SessionUser } from '../../store/services/sessions.js';
import {
  type CoordinatorWorkspace,
  type Decision,
  type DecisionInput,
  type DecisionRecord,
  DECISIONS,
  type Measure,
  MEASURES,
  type WorkspaceFilter,
  type WorkspaceItem,
} from '../../store/services/workspace.js';
import type { SignIn } from '../auth/oidc.js';
import { sameOrigin } from '../auth/oidc.js';
import { day, euro, moment } from './format.js';
import { type Html, html } from './html.js';
import { page } from './layout.js';
import type { Texts } from './texts.js';

/**
 * /coordinator: the registers with filters, one page per entry with its decision form and change log,
 * the side jobs with their publication flag, and the CSV of what must be published.
 */
export interface WorkspaceRoutesOptions {
  workspace: CoordinatorWorkspace;
  auth: SignIn;
  texts: Texts;
  logger: Logger;
  publicUrl: string;
}

const STATUSES = ['open', 'bekeken', 'ingetrokken', 'alle'] as const;
const REGISTERS = ['alle', 'geschenk', 'nevenwerk'] as const;
const one = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function decisionWords(t: Texts, item: WorkspaceItem, d: Pick<DecisionRecord, 'decision' | 'measure' | 'note'>): { summary: string; notice: string } {
  const besluit = d.decision ? t.t(`besluit.${d.decision}`) + (d.measure ? ` — ${t.t(`maatregel.${d.measure}`)}` : '') : '';
  const wat = item.register === 'geschenk'
    ? t.t('melding.wat_geschenk', { omschrijving: item.entry.description, datum: day(item.entry.date) })
    : t.t('melding.wat_nevenwerk', { functie: item.entry.role, organisatie: item.entry.organisation });
  const summary = d.note ? t.t('melding.samenvatting_notitie', { besluit, notitie: d.note }) : t.t('melding.samenvatting', { besluit });
  const notice = d.note
    ? t.t('melding.bericht_notitie', { code: item.code, wat, besluit, notitie: d.note })
    : t.t('melding.bericht', { code: item.code, wat, besluit });
  return { summary, notice };
}

function who(t: Texts, item: WorkspaceItem): string {
  const person = item.common.person;
  if (person) return person.email ? `${person.name} (${person.email})` : person.name;
  const [channel, id] = [item.entry.owner.split(':')[0] ?? '', item.entry.owner.slice(item.entry.owner.indexOf(':') + 1)];
  if (channel === 'web') return t.t('werkplek.medewerker_web');
  if (channel === 'oidc') return t.t('werkplek.medewerker_oidc');
  return t.t('werkplek.medewerker_kanaal', { kanaal: channel === 'slack' ? 'Slack' : channel === 'teams' ? 'Teams' : channel, id });
}

function describe(t: Texts, item: WorkspaceItem): string {
  if (item.register === 'geschenk') {
    const g = item.entry;
    return t.t('werkplek.omschrijving_geschenk', { omschrijving: g.description, waarde: g.valueEuros === null ? t.t('werkplek.waarde_onbekend') : euro(g.valueEuros), gever: g.giverOrg });
  }
  const s = item.entry;
  if (s.kind === 'geen') return t.t('werkplek.omschrijving_geen');
  return t.t('werkplek.omschrijving_nevenwerk', { functie: s.role, organisatie: s.organisation });
}

function decisionText(t: Texts, d: DecisionRecord | null): string {
  if (!d?.decision) return '';
  return t.t(`besluit.${d.decision}`) + (d.measure ? ` — ${t.t(`maatregel.${d.measure}`)}` : '');
}

function statusBadge(t: Texts, item: WorkspaceItem): Html {
  return html`<span class="status status-${item.common.status}">${t.t(`status.${item.common.status}`)}</span>`;
}

function filterOf(req: Request): Required<WorkspaceFilter> {
  const status = one(req.query.status);
  const register = one(req.query.soort);
  return {
    status: (STATUSES as readonly string[]).includes(status ?? '') ? (status as Required<WorkspaceFilter>['status']) : 'open',
    register: (REGISTERS as readonly string[]).includes(register ?? '') ? (register as Required<WorkspaceFilter>['register']) : 'alle',
    keptAboveThreshold: req.query.signaal === 'gehouden',
  };
}

export function workspaceRoutes(o: WorkspaceRoutesOptions): Router {
  const { workspace, auth, texts: t } = o;
  const router = express.Router();
  const guard = auth.page('coordinator');
  const user = async (req: Request) => (await auth.person(req)) as SessionUser;

  router.get('/coordinator', guard, async (req, res) => {
    const filter = filterOf(req);
    const items = await workspace.list(filter);
    const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
    const body = html`
<h1>${t.t('werkplek.titel')}</h1>
<p class="inleiding">${t.t('werkplek.inleiding')}</p>
<form class="filters" method="get" action="/coordinator">
  <div class="veld">
    <label for="status">${t.t('werkplek.filter.status')}</label>
    <select id="status" name="status">${STATUSES.map((s) => option(s, t.t(`status.${s}`), filter.status === s))}</select>
  </div>
  <div class="veld">
    <label for="soort">${t.t('werkplek.filter.soort')}</label>
    <select id="soort" name="soort">${REGISTERS.map((r) => option(r, t.t(`soort.${r}`), filter.register === r))}</select>
  </div>
  <div class="veld vinkje">
    <input type="checkbox" id="signaal" name="signaal" value="gehouden"${filter.keptAboveThreshold ? html` checked` : ''}>
    <label for="signaal">${t.t('werkplek.filter.gehouden')}</label>
  </div>
  <button type="submit">${t.t('werkplek.filter.toepassen')}</button>
</form>
<p><a href="/coordinator/nevenwerk">${t.t('werkplek.naar_nevenwerk')}</a></p>
<p role="status">${t.t(items.length === 1 ? 'werkplek.aantal_een' : 'werkplek.aantal', { aantal: items.length })}</p>
${items.length === 0
  ? html`<p>${t.t('werkplek.leeg')}</p>`
  : html`<div class="tabel-houder" tabindex="0" role="region" aria-label="${t.t('werkplek.titel')}">
<table class="lijst stapel">
<caption class="visueel-verborgen">${t.t('werkplek.titel')}</caption>
<thead><tr><th scope="col">${t.t('kolom.code')}</th><th scope="col">${t.t('kolom.soort')}</th><th scope="col">${t.t('kolom.datum')}</th><th scope="col">${t.t('kolom.medewerker')}</th><th scope="col">${t.t('kolom.omschrijving')}</th><th scope="col">${t.t('kolom.status')}</th><th scope="col">${t.t('kolom.beslissing')}</th></tr></thead>
<tbody>
${items.map((i) => html`<tr${i.common.status === 'ingetrokken' ? html` class="ingetrokken"` : ''}>
<td class="code" data-kolom="${t.t('kolom.code')}"><a href="/coordinator/registratie/${i.code}">${i.code}</a></td>
<td data-kolom="${t.t('kolom.soort')}">${t.t(`soort.${i.register}`)}</td>
<td data-kolom="${t.t('kolom.datum')}">${day(i.register === 'geschenk' ? i.entry.date : i.entry.createdAt)}</td>
<td data-kolom="${t.t('kolom.medewerker')}">${who(t, i)}</td>
<td class="omschrijving" data-kolom="${t.t('kolom.omschrijving')}">${describe(t, i)}${i.common.keptAboveThreshold ? html` <span class="signaal">${t.t('werkplek.signaal_gehouden')}</span>` : ''}</td>
<td data-kolom="${t.t('kolom.status')}">${statusBadge(t, i)}</td>
<td data-kolom="${t.t('kolom.beslissing')}">${decisionText(t, i.common.decision)}</td>
</tr>`)}
</tbody>
</table>
</div>`}`;
    res.type('html').send(page(t, { title: t.t('werkplek.titel'), user: await user(req), current: '/coordinator' }, body));
  });

  const detail = async (req: Request, item: WorkspaceItem, message?: { kind: 'fout' | 'klaar'; text: string }, input?: Partial<DecisionInput>) => {
    const changes = await workspace.changes(item);
    const d = item.common.decision;
    const chosen = input?.decision ?? d?.decision ?? null;
    const measure = input?.measure ?? d?.measure ?? null;
    const fields: [string, string][] = item.register === 'geschenk'
      ? [
          [t.t('veld.richting'), valueWord(t, 'direction', item.entry.direction)],
          [t.t('veld.datum'), day(item.entry.date)],
          [t.t('veld.omschrijving'), item.entry.description],
          [t.t('veld.waarde'), item.entry.valueEuros === null ? t.t('werkplek.waarde_onbekend') : euro(item.entry.valueEuros)],
          [t.t('veld.gever'), item.entry.giverOrg],
          [t.t('veld.relatie'), valueWord(t, 'giverRelation', item.entry.giverRelation)],
          [t.t('veld.aangenomen'), t.t(item.entry.accepted ? 'ja' : 'nee')],
          [t.t('veld.bestemming_medewerker'), valueWord(t, 'outcome', item.entry.outcome)],
        ]
      : [
          [t.t('veld.soort_nevenwerk'), valueWord(t, 'kind', item.entry.kind)],
          [t.t('veld.organisatie'), item.entry.organisation],
          [t.t('veld.functie'), item.entry.role],
          [t.t('veld.betaald'), t.t(item.entry.paid ? 'ja' : 'nee')],
          [t.t('veld.uren'), item.entry.hoursPerWeek === null ? '' : String(item.entry.hoursPerWeek)],
          [t.t('veld.periode'), [day(item.entry.startDate), day(item.entry.endDate)].filter(Boolean).join(' – ')],
          [t.t('veld.publiceren_medewerker'), t.t(item.entry.publish ? 'ja' : 'nee')],
        ];
    const radio = (name: string, value: string, label: string, checked: boolean) =>
      html`<div class="keuze"><input type="radio" id="${name}-${value}" name="${name}" value="${value}"${checked ? html` checked` : ''}><label for="${name}-${value}">${label}</label></div>`;
    const title = t.t(item.register === 'geschenk' ? 'registratie.titel_geschenk' : 'registratie.titel_nevenwerk', { code: item.code });
    const body = html`
<p><a href="/coordinator">${t.t('registratie.terug')}</a></p>
<h1>${title}</h1>
${message ? html`<div class="melding melding-${message.kind}" role="${message.kind === 'fout' ? 'alert' : 'status'}">${message.text}</div>` : ''}
<dl class="velden">
  <dt>${t.t('kolom.medewerker')}</dt><dd>${who(t, item)}</dd>
  <dt>${t.t('kolom.status')}</dt><dd>${statusBadge(t, item)}${item.common.keptAboveThreshold ? html` <span class="signaal">${t.t('werkplek.signaal_gehouden')}</span>` : ''}</dd>
  ${fields.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}
  <dt>${t.t('veld.geregistreerd')}</dt><dd>${moment(item.entry.createdAt)}</dd>
  ${d?.decision ? html`<dt>${t.t('kolom.beslissing')}</dt><dd>${t.t('registratie.besloten', { besluit: decisionText(t, d), door: d.decidedBy, wanneer: moment(d.decidedAt) })}</dd>` : ''}
  ${d?.destination ? html`<dt>${t.t('registratie.gebleven')}</dt><dd>${d.destination}</dd>` : ''}
</dl>
${item.common.status === 'ingetrokken'
  ? html`<p class="melding">${t.t('registratie.ingetrokken')}</p>`
  : html`<form class="besluit" method="post" action="/coordinator/registratie/${item.code}">
<fieldset>
  <legend>${t.t('registratie.besluit')}</legend>
  ${DECISIONS.map((v) => radio('besluit', v, t.t(`besluit.${v}`), chosen === v))}
</fieldset>
${item.register === 'geschenk'
  ? html`<fieldset>
  <legend>${t.t('registratie.maatregel')}</legend>
  ${MEASURES.map((v) => radio('maatregel', v, t.t(`maatregel.${v}`), measure === v))}
</fieldset>
<div class="veld">
  <label for="bestemming">${t.t('registratie.bestemming')}</label>
  <input id="bestemming" name="bestemming" maxlength="300" value="${input?.destination ?? d?.destination ?? ''}">
</div>`
  : html`<div class="veld vinkje">
  <input type="checkbox" id="publiceren" name="publiceren" value="ja"${(input?.publish ?? item.common.publish) ? html` checked` : ''}>
  <label for="publiceren">${t.t('registratie.publiceren')}</label>
</div>`}
<div class="veld">
  <label for="notitie">${t.t('registratie.notitie')}</label>
  <textarea id="notitie" name="notitie" maxlength="1000" rows="4" aria-describedby="notitie-uitleg">${input?.note ?? ''}</textarea>
  <p id="notitie-uitleg" class="hulp">${t.t('registratie.notitie_uitleg')}</p>
</div>
<button type="submit">${t.t('registratie.opslaan')}</button>
</form>`}
<h2>${t.t('registratie.logboek')}</h2>
<div class="tabel-houder" tabindex="0" role="region" aria-label="${t.t('registratie.logboek')}">
<table class="lijst">
<thead><tr><th scope="col">${t.t('kolom.wanneer')}</th><th scope="col">${t.t('kolom.wie')}</th><th scope="col">${t.t('kolom.wat')}</th><th scope="col">${t.t('kolom.details')}</th></tr></thead>
<tbody>${changes.map((c) => html`<tr><td>${moment(c.changedAt)}</td><td>${t.t(`actor.${c.actor}`)}</td><td>${t.t(`actie.${c.action}`)}</td><td>${changeDetails(t, c.fields)}</td></tr>`)}</tbody>
</table>
</div>`;
    return page(t, { title, user: await user(req), current: '/coordinator' }, body);
  };

  router.get('/coordinator/registratie/:code', guard, async (req, res) => {
    const item = await workspace.find(String(req.params.code));
    if (!item) {
      res.status(404).type('html').send(page(t, { title: t.t('registratie.niet_gevonden'), user: await user(req) }, html`<h1>${t.t('registratie.niet_gevonden')}</h1><p><a href="/coordinator">${t.t('registratie.terug')}</a></p>`));
      return;
    }
    const saved = req.query.opgeslagen === '1' ? { kind: 'klaar' as const, text: t.t('registratie.opgeslagen') } : undefined;
    res.type('html').send(await detail(req, item, saved));
  });

  router.post('/coordinator/registratie/:code', guard, sameOrigin(o.publicUrl, t), express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    const item = await workspace.find(String(req.params.code));
    if (!item) {
      res.status(404).type('html').send(page(t, { title: t.t('registratie.niet_gevonden'), user: await user(req) }, html`<h1>${t.t('registratie.niet_gevonden')}</h1>`));
      return;
    }
    const form = req.body as Record<string, unknown>;
    const decision = (DECISIONS as readonly string[]).includes(one(form.besluit) ?? '') ? (one(form.besluit) as Decision) : null;
    const measure = (MEASURES as readonly string[]).includes(one(form.maatregel) ?? '') ? (one(form.maatregel) as Measure) : null;
    const input: DecisionInput = {
      decision,
      measure,
      destination: one(form.bestemming) ?? null,
      note: one(form.notitie) ?? null,
      publish: item.register === 'nevenwerk' ? form.publiceren === 'ja' : null,
    };
    const problem = !decision && item.register === 'geschenk'
      ? t.t('registratie.fout_besluit')
      : item.register === 'geschenk' && decision === 'niet_akkoord' && !measure
        ? t.t('registratie.fout_maatregel')
        : undefined;
    if (problem) {
      res.status(400).type('html').send(await detail(req, item, { kind: 'fout', text: problem }, input));
      return;
    }
    const by = await user(req);
    try {
      await workspace.decide(item.code, input, by.email ?? by.name, (i, d) => decisionWords(t, i, d));
    } catch (error) {
      if (!(error instanceof GedragsbotError) || error.code !== 'INPUT_INVALID') throw error;
      res.status(400).type('html').send(await detail(req, item, { kind: 'fout', text: t.t('registratie.fout_besluit') }, input));
      return;
    }
    res.redirect(303, `/coordinator/registratie/${item.code}?opgeslagen=1`);
  });

  router.get('/coordinator/nevenwerk', guard, async (req, res) => {
    const items = (await workspace.list({ register: 'nevenwerk', status: 'alle' })).filter((i) => i.register === 'nevenwerk' && i.entry.kind !== 'geen');
    const body = html`
<p><a href="/coordinator">${t.t('registratie.terug')}</a></p>
<h1>${t.t('nevenwerk.titel')}</h1>
<p class="inleiding">${t.t('nevenwerk.inleiding')}</p>
<p><a class="knop" href="/coordinator/nevenwerk/publicatie.csv" download>${t.t('nevenwerk.csv')}</a></p>
${items.length === 0
  ? html`<p>${t.t('werkplek.leeg')}</p>`
  : html`<div class="tabel-houder" tabindex="0" role="region" aria-label="${t.t('nevenwerk.titel')}">
<table class="lijst stapel">
<thead><tr><th scope="col">${t.t('kolom.code')}</th><th scope="col">${t.t('kolom.medewerker')}</th><th scope="col">${t.t('veld.functie')}</th><th scope="col">${t.t('veld.organisatie')}</th><th scope="col">${t.t('veld.betaald')}</th><th scope="col">${t.t('kolom.status')}</th><th scope="col">${t.t('kolom.publiceren')}</th></tr></thead>
<tbody>${items.map((i) => i.register === 'nevenwerk' ? html`<tr${i.common.status === 'ingetrokken' ? html` class="ingetrokken"` : ''}><td class="code" data-kolom="${t.t('kolom.code')}"><a href="/coordinator/registratie/${i.code}">${i.code}</a></td><td data-kolom="${t.t('kolom.medewerker')}">${who(t, i)}</td><td data-kolom="${t.t('veld.functie')}">${i.entry.role}</td><td data-kolom="${t.t('veld.organisatie')}">${i.entry.organisation}</td><td data-kolom="${t.t('veld.betaald')}">${t.t(i.entry.paid ? 'ja' : 'nee')}</td><td data-kolom="${t.t('kolom.status')}">${statusBadge(t, i)}</td><td data-kolom="${t.t('kolom.publiceren')}">${t.t(i.common.publish ? 'ja' : 'nee')}${i.common.decision?.publish !== null && i.common.decision?.publish !== undefined ? html` <span class="hulp">${t.t('nevenwerk.door_coordinator')}</span>` : ''}</td></tr>` : '')}</tbody>
</table></div>`}`;
    res.type('html').send(page(t, { title: t.t('nevenwerk.titel'), user: await user(req), current: '/coordinator' }, body));
  });

  router.get('/coordinator/nevenwerk/publicatie.csv', guard, async (_req, res) => {
    const items = (await workspace.list({ register: 'nevenwerk', status: 'alle' }))
      .filter((i) => i.register === 'nevenwerk' && i.entry.status === 'actief' && i.entry.kind !== 'geen' && i.common.publish);
    const rows = items.map((i) => (i.register === 'nevenwerk'
      ? [i.code, i.common.person?.name ?? who(t, i), i.entry.role, i.entry.organisation, valueWord(t, 'kind', i.entry.kind), t.t(i.entry.paid ? 'ja' : 'nee'), i.entry.hoursPerWeek ?? '', day(i.entry.startDate), day(i.entry.endDate)]
      : []));
    const header = ['code', 'naam', 'functie', 'organisatie', 'soort', 'bezoldigd', 'uren_per_week', 'sinds', 'tot'].map((k) => t.t(`csv.${k}`));
    res.type('text/csv; charset=utf-8').attachment('nevenwerkzaamheden-publicatie.csv').send(toCsv([header, ...rows]));
  });

  return router;
}

/** A stored value in the words the chat uses for it, from the field's declaration. */
function valueWord(t: Texts, key: string, value: unknown): string {
  const field = [...fieldsOf('geschenk'), ...fieldsOf('nevenwerk')].find((f) => f.key === key);
  return field ? shownValue(t, field, value) : asText(value);
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** A change-log line in words: labels for the fields, Dutch values, dates and amounts as people write them. */
function changeDetails(t: Texts, fields: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined || value === '') continue;
    const label = t.has(`logveld.${key}`) ? t.t(`logveld.${key}`) : key;
    let shown: string;
    if (typeof value === 'boolean') shown = t.t(value ? 'ja' : 'nee');
    else if (key === 'besluit' || key === 'maatregel') {
      const prefix = key === 'besluit' ? 'besluit' : 'maatregel';
      shown = typeof value === 'string' && t.has(`${prefix}.${value}`) ? t.t(`${prefix}.${value}`) : asText(value);
    } else if (key === 'direction') shown = valueWord(t, key, value);
    else if (key === 'giverRelation') shown = valueWord(t, key, value);
    else if (key === 'outcome') shown = valueWord(t, key, value);
    else if (key === 'kind') shown = valueWord(t, key, value);
    else if (key === 'verdict') shown = typeof value === 'string' && t.has(`oordeel.${value}`) ? t.t(`oordeel.${value}`) : asText(value);
    else if (key === 'relations' && Array.isArray(value)) shown = value.length > 0 ? valueWord(t, key, value) : t.t('nee');
    else if (key === 'valueEuros' && typeof value === 'number') shown = euro(value);
    else if (/date$|Date$/.test(key) && typeof value === 'string') shown = day(value);
    else if (Array.isArray(value)) shown = value.map(String).join(', ');
    else shown = typeof value === 'string' ? value : JSON.stringify(value);
    parts.push(`${label}: ${shown}`);
  }
  return parts.join('; ');
}
