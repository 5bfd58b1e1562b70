import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canSeeItem, seesOnlyOwnItems } from '../../access/roles.ts';
import { Item, ItemFields, ItemKind, ItemPatch, ItemStatus, Slug } from '../../domain/item.ts';
import { ApiError, validationError } from '../../errors.ts';
import { pickLang } from '../../i18n/messages.ts';
import { audioPath } from '../../library/audioStore.ts';
import { failureReasonIn } from '../../library/failureReason.ts';
import { knownUnits } from '../../library/units.ts';
import { listItemEvents } from '../../storage/itemEvents.ts';
import { listItems, type ItemRecord } from '../../storage/items.ts';
import { findUserById } from '../../storage/users.ts';
import { sessionOf } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { presentEvent, presentItem } from '../present.ts';
import { formToItemFields, readMultipart } from '../uploads.ts';
import { ACTIONS, ITEM_STATUS, THINGS } from '../../i18n/words.ts';

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Thu hồi: where a withdrawn item was planned and what airs there now. */
const Recall = z.array(z.object({
  zone: z.string(),
  start: z.string(),
  replacedBy: z.object({ itemId: z.string(), start: z.string() }).nullable(),
}));
const ItemWithRecall = Item.extend({ recall: Recall });

/** An item as the library and the review queue read it: who submitted and who reviewed it, by name. */
const NamedItem = Item.extend({ submittedByName: z.string().nullable(), reviewedByName: z.string().nullable() });
const ItemList = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), items: z.array(NamedItem) });
const Choices = z.object({ topics: z.array(z.object({ id: z.string(), name: z.string() })), units: z.array(z.string()) });

const ListQuery = z.object({
  status: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(ItemStatus))
    .optional(),
  topic: Slug.optional(),
  unit: z.string().trim().max(200).optional(),
  kind: ItemKind.optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Validates form fields with a zod schema, turning issues into a 400 that names each field. */
function parseForm<T extends z.ZodType>(schema: T, fields: Record<string, string | string[]>): z.infer<T> {
  const result = schema.safeParse(formToItemFields(fields));
  if (result.success) return result.data;
  throw validationError(result.error.issues, 'body.');
}

/** The audio library: upload, list, read, edit, archive, listen, history. */
export function registerItemRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tz = deps.config.tz;
  const actorOf = (req: FastifyRequest) => {
    const { user } = sessionOf(req);
    return { id: user.id, role: user.role };
  };
  const visibleItem = (req: FastifyRequest, id: string): ItemRecord => {
    const item = deps.items.get(id);
    if (!canSeeItem(sessionOf(req).user, item)) throw new ApiError(404, 'not-found', { what: THINGS.item, id });
    return item;
  };
  /** The item with names for user ids and its failure reason in the reader's language. */
  const nameOf = (id: string | null) => (id === null ? null : findUserById(deps.db, id)?.username ?? null);
  const showItem = (req: FastifyRequest, item: ItemRecord) => ({
    ...presentItem(item, tz),
    failureReason: failureReasonIn(deps.db, item, pickLang(req.headers['accept-language'])),
    submittedByName: nameOf(item.submittedBy),
    reviewedByName: nameOf(item.reviewedBy),
  });

  r.post('/api/items', {
    schema: {
      tags: ['items'],
      summary: 'Tải lên tin bài (multipart: file + title, kind, topics, ceremonial, unit, priority, validFrom, validUntil, note)',
      consumes: ['multipart/form-data'],
      response: { 202: Item },
    },
    config: { access: 'items:upload' },
  }, async (req, reply) => {
    const { fields, file } = await readMultipart(req, deps.incomingDir);
    try {
      if (!file) throw new ApiError(400, 'upload-missing-file', {}, { field: 'body.file' });
      const user = sessionOf(req).user;
      // A submitting unit's uploads carry its unit whatever the form says.
      if (seesOnlyOwnItems(user.role) && user.unit) fields.unit = user.unit;
      const parsed = parseForm(ItemFields, fields);
      const item = deps.items.create(parsed, { incomingPath: file.path, originalName: file.originalName }, actorOf(req));
      return reply.status(202).send(presentItem(item, tz));
    } catch (err) {
      if (file) deps.items.discardUpload(file.path);
      throw err;
    }
  });

  r.get('/api/items', {
    schema: { tags: ['items'], summary: 'Danh sách tin bài', querystring: ListQuery, response: { 200: ItemList } },
    config: { access: 'items:read' },
  }, async (req) => {
    const user = sessionOf(req).user;
    const own = seesOnlyOwnItems(user.role);
    const q = req.query;
    const { items, total } = listItems(deps.db, {
      status: q.status, topic: q.topic, kind: q.kind, text: q.q, limit: q.limit, offset: q.offset,
      unit: own && user.unit ? user.unit : q.unit,
      submittedBy: own && !user.unit ? user.id : undefined,
    });
    return { total, limit: q.limit, offset: q.offset, items: items.map((i) => showItem(req, i)) };
  });

  r.get('/api/items/choices', {
    schema: { tags: ['items'], summary: 'Chủ đề và đơn vị để chọn khi tải lên hoặc lọc', response: { 200: Choices } },
    config: { access: 'items:read' },
  }, async (req) => {
    const user = sessionOf(req).user;
    // A submitting unit reads the topic names it may tag (it cannot read the topic rules) and only its own unit.
    const units = seesOnlyOwnItems(user.role) ? (user.unit ? [user.unit] : []) : knownUnits(deps.db);
    return { topics: deps.station.topics().map((t) => ({ id: t.id, name: t.name })), units };
  });

  r.get('/api/items/:id', {
    schema: { tags: ['items'], params: IdParams, response: { 200: NamedItem } },
    config: { access: 'items:read' },
  }, async (req) => showItem(req, visibleItem(req, req.params.id)));

  r.get('/api/items/:id/audio', {
    schema: { tags: ['items'], summary: 'Nghe thử âm thanh chuẩn (hỗ trợ HTTP Range)', params: IdParams },
    config: { access: 'items:read' },
  }, async (req, reply) => {
    const item = visibleItem(req, req.params.id);
    if (!item.audioSha256) throw new ApiError(409, 'invalid-transition', { action: ACTIONS.listen, status: ITEM_STATUS[item.status] });
    const path = audioPath(deps.config.audioDir, item.audioSha256);
    return reply.header('Content-Type', 'audio/mpeg').sendFile(path.slice(deps.config.audioDir.length + 1), deps.config.audioDir);
  });

  r.patch('/api/items/:id', {
    schema: {
      tags: ['items'],
      summary: 'Sửa thông tin (JSON) hoặc thay âm thanh (multipart có file: quay lại chờ duyệt)',
      params: IdParams,
      response: { 200: Item },
    },
    config: { access: 'items:edit' },
  }, async (req) => {
    visibleItem(req, req.params.id);
    const user = sessionOf(req).user;
    // A submitting unit cannot move an item to another unit (it would lose sight of it, and the other unit would gain it).
    const keepUnit = <T extends { unit?: string | null }>(patch: T): T =>
      seesOnlyOwnItems(user.role) && user.unit && patch.unit !== undefined ? { ...patch, unit: user.unit } : patch;
    if (req.isMultipart()) {
      const { fields, file } = await readMultipart(req, deps.incomingDir);
      try {
        const patch = keepUnit(parseForm(ItemPatch, fields));
        const upload = file && { incomingPath: file.path, originalName: file.originalName };
        return presentItem(deps.items.update(req.params.id, patch, upload, actorOf(req)), tz);
      } catch (err) {
        if (file) deps.items.discardUpload(file.path);
        throw err;
      }
    }
    const parsed = ItemPatch.safeParse(req.body ?? {});
    if (!parsed.success) throw validationError(parsed.error.issues, 'body.');
    return presentItem(deps.items.update(req.params.id, keepUnit(parsed.data), null, actorOf(req)), tz);
  });

  r.delete('/api/items/:id', {
    schema: { tags: ['items'], summary: 'Lưu trữ (không bao giờ xoá hẳn tin đã phát); gỡ khỏi mọi lịch sắp tới', params: IdParams, response: { 200: ItemWithRecall } },
    config: { access: 'items:archive' },
  }, async (req) => {
    const item = deps.items.archive(req.params.id, actorOf(req), null);
    return { ...presentItem(item, tz), recall: await deps.plans.recall(item.id, { id: actorOf(req).id }) };
  });

  r.get('/api/items/:id/history', {
    schema: { tags: ['review'], summary: 'Nhật ký thay đổi (chỉ ghi thêm)', params: IdParams },
    config: { access: 'items:read' },
  }, async (req) => {
    visibleItem(req, req.params.id);
    return { events: listItemEvents(deps.db, req.params.id).map((e) => presentEvent(e, tz)) };
  });

  const ReviewBody = z.object({ note: z.string().max(2000).optional() }).strict();
  r.post('/api/items/:id/approve', {
    schema: { tags: ['review'], summary: 'Duyệt', params: IdParams, body: ReviewBody.nullish(), response: { 200: Item } },
    config: { access: 'items:review' },
  }, async (req) => presentItem(deps.review.approve(req.params.id, actorOf(req), req.body?.note ?? null), tz));

  r.post('/api/items/:id/reject', {
    schema: {
      tags: ['review'],
      summary: 'Từ chối (bắt buộc ghi lý do); tin đã duyệt bị thu hồi khỏi mọi lịch sắp tới',
      params: IdParams, body: z.object({ note: z.string().max(2000) }).strict(), response: { 200: ItemWithRecall },
    },
    config: { access: 'items:review' },
  }, async (req) => {
    const item = deps.review.reject(req.params.id, actorOf(req), req.body.note);
    return { ...presentItem(item, tz), recall: await deps.plans.recall(item.id, { id: actorOf(req).id }) };
  });
}
