import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { pickLang } from '../../i18n/messages.ts';
import { uiMessages } from '../../i18n/ui/index.ts';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');
const require = createRequire(import.meta.url);
/** The UI library's browser builds, straight from node_modules: no build step, no CDN. */
const VENDOR: Record<string, string> = {
  'preact.js': join(dirname(require.resolve('preact')), 'preact.module.js'),
  'preact-hooks.js': join(dirname(require.resolve('preact/hooks')), 'hooks.module.js'),
  'htm.js': join(dirname(require.resolve('htm')), 'htm.module.js'),
};

/**
 * The page's Content-Security-Policy: everything from the daemon itself; the one inline script (the
 * import map, which browsers do not take from a file everywhere yet) allowed by its hash.
 */
export function adminPageCsp(): Record<string, string[] | null> {
  const html = readFileSync(join(PUBLIC_DIR, 'index.html'), 'utf8');
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const hash = createHash('sha256').update(importMap).digest('base64');
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", `'sha256-${hash}'`],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    mediaSrc: ["'self'", 'blob:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    fontSrc: ["'self'"],
    // Stations serve the page over plain http on their LAN: upgrading would break every request.
    upgradeInsecureRequests: null,
  };
}

/**
 * The admin page: `/` is the single page, `/ui/*` its modules and styles, `/ui/vendor/*` Preact and
 * htm, `/ui/messages.json` the words in the asked language, and the station's name and time zone.
 */
export async function registerAdminPage(app: FastifyInstance, station: { name: string; tz: string }): Promise<void> {
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/ui/', decorateReply: false, index: false, cacheControl: true, maxAge: 0 });
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html; charset=utf-8').sendFile('index.html', PUBLIC_DIR));
  app.get('/ui/vendor/:file', { schema: { hide: true } }, (req, reply) => {
    const file = VENDOR[(req.params as { file: string }).file];
    if (!file) return reply.callNotFound();
    return reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').sendFile(file.split('/').pop()!, dirname(file));
  });
  app.get('/ui/messages.json', { schema: { hide: true } }, async (req) => {
    const lang = pickLang(req.headers['accept-language'], req.query);
    return { lang, station, messages: uiMessages(lang) };
  });
}
