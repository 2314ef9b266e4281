import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { assetUrl, BUILD_DIR, readManifest } from '../../platform/assets.js';
import { displayDate } from '../../platform/dates.js';
import { parseParams } from '../../platform/forms.js';
import { idParams } from '../../platform/ids.js';
import { noStore } from '../../platform/http.js';
import { authorize } from '../../platform/policy.js';
import { useCaseOf } from '../../platform/use-case.js';
import { openWorkstation } from '../outreach/use-cases/open-workstation.js';
import { workstationTexts } from './workstation.presenter.js';

/**
 * Minutes without the worker touching the unlocked workstation (or with the page hidden) after which the script drops
 * the data key from memory and asks for the password again (the data stays stored, encrypted).
 */
export const IDLE_LOCK_MINUTES = 10;

/**
 * The workstation's shell (no personal data: the trip's title and day, the worker's id, the texts of the script), the
 * service worker that keeps the shell and its assets for offline use (scope `/outreach/`), the app's manifest, and its
 * start: the trips list online, the workstations kept on this device offline.
 */
export function workstationRoutes(services: Services) {
  return function (app: FastifyInstance) {
    app.get('/outreach/trips/:id/workstation', async (req, reply) => {
      const { id } = parseParams(req, idParams);
      const w = await openWorkstation({ ...useCaseOf(req, services), tripId: id });
      noStore(reply);
      return reply.page('workstation/views/workstation.njk', {
        pageTitle: req.t('workstation.title'),
        trip: { id: w.tripId, title: w.title, date: displayDate(w.date) },
        workerId: w.workerId,
        expiryDays: w.expiryDays,
        idleMinutes: IDLE_LOCK_MINUTES,
        planned: w.status === 'planned',
        texts: JSON.stringify(workstationTexts(req.t)).replaceAll('<', '\\u003c'),
      });
    });

    // The installed app's start: the trips list when there is a connection; without one the service worker answers
    // with the page of the workstations kept on this device (below), which the workstation keeps in its cache.
    app.get('/outreach/start', async (req, reply) => {
      authorize(req.actor, 'outreach.work');
      return reply.redirect('/outreach', 303);
    });
    app.get('/outreach/offline', async (req, reply) => {
      authorize(req.actor, 'outreach.work');
      reply.header('cache-control', 'no-cache');
      return reply.page('workstation/views/offline.njk', { pageTitle: req.t('workstation.offlineStart.title') });
    });

    // The service worker is served from /outreach/ so that its scope covers the workstation; never kept stale.
    app.get('/outreach/sw.js', async (_req, reply) => {
      const built = readManifest()['outreach-sw.js'];
      const code = await fs.promises.readFile(path.join(BUILD_DIR, built ?? 'missing'), 'utf8');
      return reply
        .header('cache-control', 'no-cache')
        .header('service-worker-allowed', '/outreach/')
        .type('text/javascript; charset=utf-8')
        .send(code);
    });

    app.get('/outreach/manifest.webmanifest', async (req, reply) => {
      reply.header('cache-control', 'no-cache');
      return reply.type('application/manifest+json; charset=utf-8').send(
        JSON.stringify({
          name: req.t('workstation.manifest.name'),
          short_name: req.t('workstation.manifest.shortName'),
          lang: 'uk',
          start_url: '/outreach/start',
          scope: '/outreach/',
          display: 'standalone',
          background_color: '#ffffff',
          theme_color: '#0057b8',
          icons: [{ src: assetUrl('favicon.svg'), sizes: 'any', type: 'image/svg+xml' }],
        }),
      );
    });
  };
}
