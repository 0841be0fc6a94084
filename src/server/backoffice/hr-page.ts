import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import express, { type Request, type Router } from 'express';
import type { Logger } from '../../core/usage.js';
import { toCsv } from '../../reports/csv.js';
import {
  buildDashboard,
  type Dashboard,
  type DashboardTable,
  type Labels,
  TABLE_IDS,
  type TableId,
} from '../../reports/dashboard.js';
import { type Shown, shownText } from '../../reports/suppression.js';
import type { StoreServices } from '../../store/index.js';
import { DashboardData } from '../../store/services/dashboard.js';
import { TIME_ZONE } from '../../store/time.js';
import type { SignIn } from '../auth/oidc.js';
import { count } from './format.js';
import { type Html, html } from './html.js';
import { page } from './layout.js';
import { answerTimeText, type Texts } from './texts.js';

/**
 * /hr: the year at a glance. Every table is real HTML (readable without JavaScript, by a screen reader,
 * and on paper); the page's script draws the charts from those same tables with Chart.js, so a chart
 * never shows a number the table does not. /hr/rapport is the printable report, /hr/csv/<tabel>.csv
 * one table as CSV.
 */
export interface DashboardOptions {
  services: StoreServices;
  auth: SignIn;
  texts: Texts;
  /** The meldwijzer's routes (meldwijzer.json), for their names in the table of routes shown. */
  routes: readonly RouteName[];
  logger: Logger;
  now: () => Date;
}

export interface RouteName {
  id: string;
  naam: string;
}

export function dashboardLabels(t: Texts, routes: readonly RouteName[] = []): Labels {
  const names = new Map(routes.map((r) => [r.id, r.naam]));
  return {
    theme: (key) => (t.has(`thema.${key}`) ? t.t(`thema.${key}`) : key),
    month: (n) => t.t(`maand.${String(n)}`),
    registration: (key) => t.t(`registratie_soort.${key}`),
    participation: (key) => t.t(`deelname.${key}`),
    coordinatorQuestion: (key) => t.t(`voorgelegd.${key}`),
    route: (key) => names.get(key) ?? key,
    routeOrder: routes.map((r) => r.id),
    total: t.t('tabel.totaal'),
  };
}

/** The word above a table's first column. */
function rowHeading(t: Texts, id: TableId): string {
  const key = id === 'registraties' || id === 'voorgelegd'
    ? 'tabel.soort'
    : id === 'deelname' ? 'tabel.onderdeel' : id === 'meldroutes' ? 'tabel.route' : 'tabel.thema';
  return t.t(key);
}

function cellText(t: Texts, s: Shown, minimum: number): string {
  return s.kind === 'getal' ? count(s.value) : s.kind === 'geen' ? '–' : String(shownText(s, minimum));
}

function cellLabel(t: Texts, s: Shown): string | undefined {
  if (s.kind === 'klein') return t.t('tabel.klein_uitleg');
  if (s.kind === 'afgeschermd') return t.t('tabel.afgeschermd_uitleg');
  if (s.kind === 'geen') return t.t('tabel.geen_uitleg');
  return undefined;
}

function td(t: Texts, s: Shown, minimum: number): Html {
  const label = cellLabel(t, s);
  return html`<td class="getal"${s.kind === 'getal' ? html` data-waarde="${s.value}"` : ''}${label ? html` title="${label}"` : ''}>${cellText(t, s, minimum)}${label ? html`<span class="visueel-verborgen"> (${label})</span>` : ''}</td>`;
}

/** The text key of a table's first column: what its rows are. */
function tableHtml(
  t: Texts,
  table: DashboardTable,
  minimum: number,
  year: number,
  withChart: boolean,
  after?: Html,
): Html {
  const title = t.t(`hr.${table.id}.titel`, { jaar: year });
  const hasTotals = table.id !== 'jaren';
  const chartId = `grafiek-${table.id}`;
  return html`<section class="onderdeel" aria-labelledby="kop-${table.id}">
<h2 id="kop-${table.id}">${title}</h2>
<p class="inleiding">${t.t(`hr.${table.id}.uitleg`)}</p>
${table.rows.length === 0
  ? html`<p>${t.t('hr.geen_gegevens')}</p>`
  : html`${withChart ? html`<div class="grafiek geen-afdruk"><canvas id="${chartId}" role="img" aria-label="${t.t('hr.grafiek_label', { titel: title })}"></canvas></div>` : ''}
<div class="acties geen-afdruk"><a href="/hr/csv/${table.id}.csv?jaar=${year}" download>${t.t('hr.csv', { titel: title })}</a></div>
<div class="tabel-houder" tabindex="0" role="region" aria-label="${title}">
<table class="cijfers" data-grafiek="${table.chart}" data-canvas="${withChart ? chartId : ''}">
<caption class="visueel-verborgen">${title}</caption>
<thead><tr><th scope="col">${rowHeading(t, table.id)}</th>${table.columns.map((c) => html`<th scope="col" class="getal">${c.label}</th>`)}${hasTotals ? html`<th scope="col" class="getal">${t.t('tabel.totaal')}</th>` : ''}</tr></thead>
<tbody>
${table.rows.map((r) => html`<tr><th scope="row">${r.label}</th>${r.cells.map((c) => td(t, c, minimum))}${hasTotals ? td(t, r.total, minimum) : ''}</tr>`)}
</tbody>
${table.columnTotals ? html`<tfoot><tr class="totaal"><th scope="row">${t.t('tabel.totaal')}</th>${table.totals.map((c) => td(t, c, minimum))}${hasTotals ? td(t, table.total, minimum) : ''}</tr></tfoot>` : ''}
</table>
</div>`}
${after ?? ''}
</section>`;
}

/** What follows a table on the page: the median time to answer under the questions to the coordinator. */
function below(t: Texts, d: Dashboard, table: DashboardTable, minimum: number): Html | undefined {
  return table.id === 'voorgelegd' ? html`<p class="mediaan">${answerTimeText(t, d.answerTime, minimum)}</p>` : undefined;
}

function legend(t: Texts, minimum: number): Html {
  return html`<p class="legenda">${t.t('hr.legenda', { minimum })}</p>`;
}

function tiles(t: Texts, d: Dashboard, minimum: number): Html {
  const tableOf = (id: TableId) => d.tables.find((x) => x.id === id);
  const years = tableOf('jaren');
  const previous = years && years.columns.length > 1 ? years.totals[years.columns.length - 2] : undefined;
  const items: [string, Shown | undefined, Shown | undefined][] = [
    [t.t('hr.tegel.vragen'), tableOf('vragen')?.total, previous],
    [t.t('hr.tegel.doorverwijzingen'), tableOf('doorverwijzingen')?.total, undefined],
    [t.t('hr.tegel.registraties'), tableOf('registraties')?.total, undefined],
    [t.t('hr.tegel.deelname'), tableOf('deelname')?.total, undefined],
  ];
  const put = tableOf('voorgelegd');
  const questionsPut = put && put.rows.length > 0 ? put.rows.find((r) => r.key === 'voorgelegd')?.total : undefined;
  return html`<ul class="tegels">${items.map(([label, value, before]) => html`<li class="tegel"><span>${label}</span><span class="waarde">${value ? cellText(t, value, minimum) : '–'}</span>${before && years ? html`<span class="vorig">${t.t('hr.tegel.vorig', { jaar: d.year - 1, aantal: cellText(t, before, minimum) })}</span>` : ''}</li>`)}${questionsPut
    ? html`<li class="tegel"><span>${t.t('hr.tegel.voorgelegd')}</span><span class="waarde">${cellText(t, questionsPut, minimum)}</span><span class="vorig">${answerTimeText(t, d.answerTime, minimum)}</span></li>`
    : ''}</ul>`;
}

export function dashboardRoutes(o: DashboardOptions): Router {
  const { auth, texts: t, services } = o;
  const router = express.Router();
  const guard = auth.page('hr');
  const data = new DashboardData(services.store, () => services.flushUsage());
  const minimum = services.stats.minimum;
  const currentMonth = () => format(new TZDate(o.now().getTime(), TIME_ZONE), 'yyyy-MM');
  const yearOf = (req: Request) => {
    const asked = Number(req.query.jaar);
    const now = Number(currentMonth().slice(0, 4));
    return Number.isInteger(asked) && asked >= 2000 && asked <= now ? asked : now;
  };
  const build = (year: number) => buildDashboard(data, year, currentMonth(), dashboardLabels(t, o.routes), minimum);

  router.get('/hr', guard, async (req, res) => {
    const d = await build(yearOf(req));
    const body = html`
<h1>${t.t('hr.titel', { jaar: d.year })}</h1>
<form class="jaren geen-afdruk" method="get" action="/hr">
  <label for="jaar">${t.t('hr.kies_jaar')}</label>
  <select id="jaar" name="jaar">${(d.years.length > 0 ? d.years : [d.year]).map((y) => html`<option value="${y}"${y === d.year ? html` selected` : ''}>${y}</option>`)}</select>
  <button type="submit">${t.t('hr.toon')}</button>
  <a class="knop knop-licht" href="/hr/rapport?jaar=${d.year}">${t.t('hr.naar_rapport')}</a>
</form>
<p class="inleiding">${t.t('hr.inleiding')}</p>
${legend(t, minimum)}
${tiles(t, d, minimum)}
${d.tables.map((table) => tableHtml(t, table, minimum, d.year, true, below(t, d, table, minimum)))}`;
    res.type('html').send(page(t, { title: t.t('hr.titel', { jaar: d.year }), user: await auth.person(req), current: '/hr', scripts: ['/backoffice/static/chart.umd.min.js', '/backoffice/static/dashboard.js'] }, body));
  });

  router.get('/hr/rapport', guard, async (req, res) => {
    const d = await build(yearOf(req));
    const body = html`
<div class="acties geen-afdruk"><a href="/hr?jaar=${d.year}">${t.t('hr.terug')}</a><button type="button" id="afdrukken">${t.t('hr.afdrukken')}</button></div>
<h1>${t.t('hr.rapport_titel', { jaar: d.year })}</h1>
<p>${t.t('hr.rapport_inleiding', { jaar: d.year })}</p>
${legend(t, minimum)}
${d.tables.map((table) => tableHtml(t, table, minimum, d.year, false, below(t, d, table, minimum)))}
<p class="legenda">${t.t('hr.rapport_voet')}</p>`;
    res.type('html').send(page(t, { title: t.t('hr.rapport_titel', { jaar: d.year }), user: await auth.person(req), print: true, scripts: ['/backoffice/static/print.js'] }, body));
  });

  router.get('/hr/csv/:table.csv', guard, async (req, res) => {
    const id = String(req.params.table) as TableId;
    if (!TABLE_IDS.includes(id)) {
      res.status(404).type('text/plain').send(t.t('hr.geen_tabel'));
      return;
    }
    const d = await build(yearOf(req));
    const table = d.tables.find((x) => x.id === id);
    if (!table) {
      res.status(404).type('text/plain').send(t.t('hr.geen_tabel'));
      return;
    }
    const hasTotals = id !== 'jaren';
    const csvCell = (s: Shown) => shownText(s, minimum);
    const header = [rowHeading(t, id), ...table.columns.map((c) => c.label), ...(hasTotals ? [t.t('tabel.totaal')] : [])];
    const rows = table.rows.map((r) => [r.label, ...r.cells.map(csvCell), ...(hasTotals ? [csvCell(r.total)] : [])]);
    const totals = table.columnTotals ? [[t.t('tabel.totaal'), ...table.totals.map(csvCell), ...(hasTotals ? [csvCell(table.total)] : [])]] : [];
    res.type('text/csv; charset=utf-8').attachment(`${id}-${String(d.year)}.csv`).send(toCsv([header, ...rows, ...totals]));
  });
  return router;
}

/** For tests: the dashboard as the page builds it. */
export function dashboardFor(
  services: StoreServices,
  t: Texts,
  year: number,
  month: string,
  routes: readonly RouteName[] = [],
): Promise<Dashboard> {
  const data = new DashboardData(services.store, () => services.flushUsage());
  return buildDashboard(data, year, month, dashboardLabels(t, routes), services.stats.minimum);
}
