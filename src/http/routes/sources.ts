import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../domain/item.ts';
import { RelaySourceBody } from '../../domain/relay.ts';
import type { SourceWatcher } from '../../relay/sourceHealth.ts';
import type { RelaySettings } from '../../scheduling/relaySettings.ts';
import { sessionOf } from '../auth.ts';

const IdParams = z.object({ id: Slug });

/**
 * What GET /api/sources says of a source's health: the relay sources' watcher answers
 * (src/relay/sourceHealth.ts); without one (or before its first look at a source), null.
 */
export type SourceHealthReader = Pick<SourceWatcher, 'health'>;

export interface SourceRouteDeps {
  relaySettings: RelaySettings;
  sourceHealth?: SourceHealthReader;
}

/** Relay sources (tiếp âm, issue 11): `GET /api/sources` with each one's health, `PUT`/`DELETE /api/sources/:id`. */
export function registerSourceRoutes(app: FastifyInstance, deps: SourceRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const settings = deps.relaySettings;

  r.get('/api/sources', {
    schema: {
      tags: ['relay'],
      summary: 'Các nguồn tiếp âm và tình trạng của từng nguồn',
      description: 'Passwords inside source URLs are shown as "***"; `health` is the source watcher\'s reading (null when none).',
    },
    config: { access: 'station:read' },
  }, async () => ({ sources: settings.sources().map((s) => ({ ...s, health: deps.sourceHealth?.health(s.id) ?? null })) }));

  r.put('/api/sources/:id', {
    schema: {
      tags: ['relay'],
      summary: 'Tạo hoặc thay một nguồn tiếp âm',
      description:
        'The url must be http:// or https:// (an MP3/AAC stream, Icecast mounts included, or HLS); icecast://, file://, a bare path or '
        + 'ftp is a 400 naming `body.url`. A url sent back with its password hidden ("***") keeps the stored password.',
      params: IdParams,
      body: RelaySourceBody,
    },
    config: { access: 'station:edit' },
  }, async (req) => ({ ...settings.putSource(req.params.id, req.body, sessionOf(req).user), health: deps.sourceHealth?.health(req.params.id) ?? null }));

  r.delete('/api/sources/:id', {
    schema: { tags: ['relay'], summary: 'Xoá một nguồn tiếp âm (409 khi còn lịch tiếp âm dùng nó)', params: IdParams },
    config: { access: 'station:edit' },
  }, async (req, reply) => {
    settings.removeSource(req.params.id, sessionOf(req).user);
    return reply.status(204).send();
  });
}
