import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import type { CoordinatorPorts } from '../../core/questions/coordinator.js';
import type { RuleBase } from '../../core/rulebase/load.js';
import type { AppLogger } from '../../logging.js';
import type { StoreServices } from '../../store/index.js';
import type { SignIn } from '../auth/oidc.js';
import { workspaceRoutes } from './coordinator.js';
import { dashboardRoutes } from './hr-page.js';
import { messagePage } from './layout.js';
import { questionsRoutes } from './questions-page.js';
import type { Texts } from './texts.js';

/** The back office: its stylesheet and scripts (Chart.js from node_modules), /hr and /coordinator. */
const require = createRequire(import.meta.url);
/** Beside this module in src/ (tests) and in dist/ (the build copies it). */
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

export interface BackofficeOptions {
  services: StoreServices;
  auth: SignIn | undefined;
  texts: Texts;
  ruleBase: RuleBase;
  logger: AppLogger;
  publicUrl: string | undefined;
  now: () => Date;
  /** The questions put to the coordinator, answered on /coordinator/vragen as in the coordinators' channel. */
  questions: CoordinatorPorts & { reminderWorkingDays: number; keepDays: number };
}

export function backofficeRoutes(o: BackofficeOptions): Router {
  const router = express.Router();
  router.use('/backoffice/static/chart.umd.min.js', (_req, res) => {
    // The package's exports map names only its modules; the UMD build sits beside its main file.
    res.sendFile(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), { maxAge: '1h' });
  });
  router.use('/backoffice/static', express.static(PUBLIC_DIR, { index: false, maxAge: '1h' }));
  const { auth, texts: t } = o;
  if (!auth || !o.publicUrl) {
    router.use(['/hr', '/coordinator'], (_req, res) => {
      res.status(503).type('html').send(messagePage(t, t.t('uit.titel'), [t.t('uit.uitleg')]));
    });
    return router;
  }
  router.use(workspaceRoutes({
    workspace: o.services.workspace(o.ruleBase.organisation.geschenkDrempel),
    auth,
    texts: t,
    logger: o.logger,
    publicUrl: o.publicUrl,
  }));
  const { reminderWorkingDays, keepDays, ...ports } = o.questions;
  router.use(questionsRoutes({
    ports,
    usage: o.services.usage,
    auth,
    texts: t,
    logger: o.logger,
    publicUrl: o.publicUrl,
    reminderWorkingDays,
    keepDays,
    now: o.now,
  }));
  const routes = o.ruleBase.meldwijzer?.routes ?? [];
  router.use(dashboardRoutes({ services: o.services, auth, texts: t, routes, logger: o.logger, now: o.now }));
  return router;
}
