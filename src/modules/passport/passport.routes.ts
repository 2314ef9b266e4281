import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { HookRegistry } from '../../platform/modules.js';
import { AppError } from '../../platform/errors.js';
import { parseParams } from '../../platform/forms.js';
import { displayDate } from '../../platform/dates.js';
import { formatDateTime, translator } from '../../platform/i18n.js';
import { toOpenCsv } from '../../platform/spreadsheet.js';
import { listOpenPlanData } from '../action-plans/use-cases/list-open-plan-data.js';
import { passportPdf, passportXlsx } from './passport.documents.js';
import { datasetParams, passportFileParams, passportParams } from './passport.schema.js';
import { PASSPORT_FIELDS, passportDatasets, PLAN_DATASETS, PLAN_FIELDS, type Dataset } from './open-data.js';
import { viewPassport } from './use-cases/view-passport.js';
import { findPublicHromada } from './use-cases/find-public-hromada.js';
import { PASSPORT_TABLES } from './passport.js';

const TYPES = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
/** Open data and documents are published in Ukrainian whatever the reader's language. */
const uk = translator('uk');
/** Public aggregates may be kept by browsers and proxies for a few minutes. */
const PUBLIC_CACHE = 'public, max-age=300';

/** The social passport (page, PDF, XLSX) and the open data of a hromada: public, no login, aggregates only. */
export function passportRoutes(services: Services, hooks: HookRegistry) {
  return function (app: FastifyInstance) {
    app.get('/hromadas/:code/passport', async (req, reply) => {
      const { code } = parseParams(req, passportParams);
      const { hromada, passport } = await viewPassport({ services, code, t: req.t });
      return reply.header('cache-control', PUBLIC_CACHE).page('passport/views/passport.njk', {
        pageTitle: req.t('passport.title', { hromada: hromada.name }),
        hromada: hromada.name,
        code,
        computedAt: formatDateTime(passport.computedAt),
        servedWindow: req.t('passport.servedWindow', {
          from: displayDate(passport.servedFrom),
          to: displayDate(passport.servedTo),
        }),
        tables: passport.tables.map((x) => ({
          ...x,
          title: req.t(`passport.t.${x.key}.title`),
          rowHeader: req.t(`passport.t.${x.key}.row`),
          colHeaders: x.cols.map((c) => req.t(`passport.col.${c}`)),
          withTotal: x.persons && x.cols.length > 1,
        })),
      });
    });

    app.get('/hromadas/:code/passport.:format', async (req, reply) => {
      const p = parseParams(req, passportFileParams);
      const { hromada, passport } = await viewPassport({ services, code: p.code, t: uk });
      const body =
        p.format === 'pdf' ? await passportPdf(passport, hromada.name) : await passportXlsx(passport, hromada.name);
      return reply
        .type(TYPES[p.format])
        .header('cache-control', PUBLIC_CACHE)
        .header(
          'content-disposition',
          `${p.format === 'pdf' ? 'inline' : 'attachment'}; filename="passport-${p.code}.${p.format}"`,
        )
        .send(body);
    });

    app.get('/hromadas/:code/open-data', async (req, reply) => {
      const { code } = parseParams(req, passportParams);
      const hromada = await findPublicHromada({ services, code });
      const datasets = [
        ...PASSPORT_TABLES.map((key) => ({ key, fields: PASSPORT_FIELDS })),
        ...PLAN_DATASETS.map((key) => ({ key, fields: PLAN_FIELDS[key] })),
      ];
      return reply.header('cache-control', PUBLIC_CACHE).page('passport/views/open-data.njk', {
        pageTitle: req.t('passport.open.title', { hromada: hromada.name }),
        hromada: hromada.name,
        code,
        datasets: datasets.map((d) => ({
          key: d.key,
          title: req.t(`passport.ds.${d.key}`),
          csv: `/hromadas/${code}/open-data/${d.key}.csv`,
          json: `/hromadas/${code}/open-data/${d.key}.json`,
          fields: d.fields.map((f) => ({
            name: f.name,
            type: req.t(`passport.type.${f.type}`),
            description: req.t(`passport.field.${f.name}`),
          })),
        })),
      });
    });

    app.get('/hromadas/:code/open-data/:dataset.:format', async (req, reply) => {
      const p = parseParams(req, datasetParams);
      let dataset: Dataset | undefined;
      let hromada: { name: string };
      let computedAt: string;
      if ((PLAN_DATASETS as readonly string[]).includes(p.dataset)) {
        const d = await listOpenPlanData({ services, hooks, code: p.code });
        const key = p.dataset as (typeof PLAN_DATASETS)[number];
        dataset = { key, fields: PLAN_FIELDS[key], rows: key === 'plan-indicators' ? d.indicators : d.funding };
        hromada = d.hromada;
        computedAt = d.computedAt.toISOString();
      } else {
        const v = await viewPassport({ services, code: p.code, t: uk });
        dataset = passportDatasets(v.passport, uk).find((x) => x.key === p.dataset);
        hromada = v.hromada;
        computedAt = v.passport.computedAt;
      }
      if (!dataset) throw new AppError('not_found');
      reply.header('cache-control', PUBLIC_CACHE);
      if (p.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${p.code}-${dataset.key}.csv"`)
          .send(
            toOpenCsv(
              dataset.fields.map((f) => f.name),
              dataset.rows.map((r) =>
                dataset.fields.map((f) =>
                  typeof r[f.name] === 'boolean' ? String(r[f.name]) : (r[f.name] as string | number | null),
                ),
              ),
            ),
          );
      return reply.type('application/json; charset=utf-8').send({
        dataset: dataset.key,
        title: uk(`passport.ds.${dataset.key}`),
        hromada: { code: p.code, name: hromada.name },
        computedAt,
        suppression: uk('passport.suppressionNote'),
        fields: dataset.fields.map((f) => ({ ...f, description: uk(`passport.field.${f.name}`) })),
        rows: dataset.rows,
      });
    });
  };
}
