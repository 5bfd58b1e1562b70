import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSeeItem } from '../../access/roles.ts';
import { Item } from '../../domain/item.ts';
import { ApiError } from '../../errors.ts';
import { THINGS } from '../../i18n/words.ts';
import { SPEECH_TEXT } from '../../speech/speechErrors.ts';
import { SpeechInfo, SpeechItemBody, SpeechPreviewBody } from '../../speech/speechInput.ts';
import { getItemSpeech } from '../../storage/itemSpeech.ts';
import { sessionOf } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { presentItem } from '../present.ts';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ItemSpeechView = z.object({
  itemId: z.string(),
  text: z.string(),
  spoken: z.string(),
  voice: z.string(),
  rate: z.number(),
  engine: z.string(),
});

/**
 * Speech from text: what the station's engine offers, a preview to listen to, and items made from
 * text (ingested and reviewed like uploads). The work is in src/speech/speechService.ts.
 */
export function registerSpeechRoutes(app: FastifyInstance, deps: Pick<ServerDeps, 'speech' | 'items' | 'db' | 'config'>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tz = deps.config.tz;

  r.get('/api/speech', {
    schema: { tags: ['speech'], summary: 'Bộ đọc văn bản: có hay không, giọng đọc, giới hạn', response: { 200: SpeechInfo } },
    config: { access: 'items:upload' },
  }, async () => deps.speech.info());

  r.post('/api/speech/preview', {
    schema: {
      tags: ['speech'],
      summary: 'Nghe thử giọng đọc (MP3, không lưu); tối đa 1.000 ký tự',
      body: SpeechPreviewBody,
      produces: ['audio/mpeg'],
    },
    config: { access: 'items:upload' },
  }, async (req, reply) => {
    const audio = await deps.speech.preview(req.body.text, { voice: req.body.voice, rate: req.body.rate });
    return reply.header('Content-Type', 'audio/mpeg').header('Cache-Control', 'no-store').send(audio);
  });

  r.post('/api/items/tts', {
    schema: {
      tags: ['items'],
      summary: 'Tạo tin bài từ văn bản bằng giọng đọc (xử lý như tệp tải lên: chuẩn hoá độ to, chờ duyệt)',
      body: SpeechItemBody,
      response: { 202: Item },
    },
    config: { access: 'items:upload' },
  }, async (req, reply) => {
    const { user } = sessionOf(req);
    const { item } = await deps.speech.createSpeechItem(req.body, { id: user.id, role: user.role, unit: user.unit });
    return reply.status(202).send(presentItem(item, tz));
  });

  r.get('/api/items/:id/speech', {
    schema: { tags: ['items'], summary: 'Văn bản mà giọng đọc đã đọc thành tin bài này', params: IdParams, response: { 200: ItemSpeechView } },
    config: { access: 'items:read' },
  }, async (req) => {
    const item = deps.items.get(req.params.id);
    if (!canSeeItem(sessionOf(req).user, item)) throw new ApiError(404, 'not-found', { what: THINGS.item, id: req.params.id });
    const speech = getItemSpeech(deps.db, item.id);
    if (!speech) throw new ApiError(404, 'not-found', { what: SPEECH_TEXT, id: item.id });
    return { itemId: speech.itemId, text: speech.text, spoken: speech.spoken, voice: speech.voice, rate: speech.rate, engine: speech.engine };
  });
}
