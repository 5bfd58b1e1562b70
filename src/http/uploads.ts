import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';

export interface ParsedUpload {
  fields: Record<string, string | string[]>;
  file: { path: string; originalName: string | null } | null;
}

/**
 * Reads a multipart request: streams the `file` part to the incoming dir (never into memory) and
 * collects the other fields. On any failure the partial file is removed before the error propagates.
 */
export async function readMultipart(req: FastifyRequest, incomingDir: string): Promise<ParsedUpload> {
  if (!req.isMultipart()) throw new ApiError(415, 'upload-not-multipart');
  mkdirSync(incomingDir, { recursive: true });
  const fields: Record<string, string | string[]> = {};
  let file: ParsedUpload['file'] = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          continue;
        }
        const path = join(incomingDir, `${newId('upl')}.upload`);
        file = { path, originalName: part.filename || null };
        await pipeline(part.file, createWriteStream(path));
      } else {
        const value = String(part.value ?? '');
        const prev = fields[part.fieldname];
        fields[part.fieldname] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
      }
    }
  } catch (err) {
    if (file) rmSync(file.path, { force: true });
    throw err;
  }
  return { fields, file };
}

/**
 * Turns form strings into the JSON shapes of ItemFields: booleans, topic lists (repeated fields,
 * comma-separated or a JSON array), and empty strings as null.
 */
export function formToItemFields(fields: Record<string, string | string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(fields)) {
    const value = Array.isArray(raw) ? raw : raw;
    if (key === 'topics') {
      const list = (Array.isArray(value) ? value : [value]).flatMap((v) => {
        const t = v.trim();
        if (t.startsWith('[')) {
          try {
            return JSON.parse(t) as unknown[];
          } catch {
            return [t];
          }
        }
        return t ? t.split(',').map((s) => s.trim()).filter(Boolean) : [];
      });
      out.topics = list;
    } else if (key === 'ceremonial') {
      const v = String(Array.isArray(value) ? value[0] : value).trim().toLowerCase();
      out.ceremonial = v === 'true' || v === '1' || v === 'on' ? true : v === 'false' || v === '0' || v === '' ? false : v;
    } else {
      const v = Array.isArray(value) ? value[0] : value;
      out[key] = v === '' ? null : v;
    }
  }
  return out;
}
