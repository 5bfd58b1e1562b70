import type { Db } from './db.ts';

/** The text an item was spoken from (speech from text), and how it was spoken. */
export interface ItemSpeech {
  itemId: string;
  /** As the user typed it. */
  text: string;
  /** As the engine was given it: numbers, dates and abbreviations in words. */
  spoken: string;
  voice: string;
  rate: number;
  /** The engine's program name (espeak-ng…). */
  engine: string;
  createdAt: number;
}

/** Records the text of a speech item (in the transaction that creates the item, when there is one). */
export function insertItemSpeech(db: Db, s: ItemSpeech): void {
  db.prepare(
    `INSERT INTO item_speech (item_id, text, spoken, voice, rate, engine, created_at)
     VALUES (@itemId, @text, @spoken, @voice, @rate, @engine, @createdAt)`,
  ).run(s);
}

/** The speech origin of an item, or undefined for an item made from an uploaded file. */
export function getItemSpeech(db: Db, itemId: string): ItemSpeech | undefined {
  const row = db.prepare('SELECT * FROM item_speech WHERE item_id = ?').get(itemId) as
    | { item_id: string; text: string; spoken: string; voice: string; rate: number; engine: string; created_at: number }
    | undefined;
  return row && { itemId: row.item_id, text: row.text, spoken: row.spoken, voice: row.voice, rate: row.rate, engine: row.engine, createdAt: row.created_at };
}
