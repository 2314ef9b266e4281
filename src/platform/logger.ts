import type { FastifyServerOptions } from 'fastify';

/**
 * pino options: request lines carry the request id, method, route path and status,
 * never the query string, cookies, authorisation or bodies (personal data stays out of logs).
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.email',
        '*.rnokpp',
        '*.unzr',
        'body',
        'query',
      ],
      censor: '[приховано]',
    },
    serializers: {
      req: (req: { id: string; method: string; url: string; routeOptions?: { url?: string } }) => ({
        id: req.id,
        method: req.method,
        path: (req.url ?? '')
          .split('?')[0]
          .replace(/\/[0-9a-f-]{36}(?=\/|$)/gi, '/:id')
          .replace(/^\/verify\/.*/, '/verify/:token'),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
