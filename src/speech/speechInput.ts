/**
 * What a speech request may ask for (decisions §9): text of 1–5,000 characters, a rate of 0.6–1.6×,
 * a voice the station offers. One zod schema per shape, shared by the routes and the service.
 */
import { z } from 'zod';
import { ItemFields } from '../domain/item.ts';

export const SPEECH_LIMITS = {
  /** Longest text of an item (decisions §9). */
  maxChars: 5000,
  /** Longest text of a preview: enough to judge the voice and the speed, quick to render. */
  previewMaxChars: 1000,
  minRate: 0.6,
  maxRate: 1.6,
  defaultRate: 1,
} as const;

/**
 * Words per minute at rate 1. espeak-ng counts each Vietnamese syllable as a word and reads faster
 * than it says; 140 sounds like a careful announcer on a loudspeaker, not a newsreader.
 */
export const BASE_WPM = 140;

/** The `{wpm}` of the engine command for a rate (0.6 → 84, 1 → 140, 1.6 → 224). */
export const wordsPerMinute = (rate: number): number => Math.round(BASE_WPM * rate);

/** Text to speak: NFC (so «ế» counts once whatever the keyboard sent), trimmed, 1–`max` characters. */
export const speechTextOf = (max: number) => z.string().normalize('NFC').trim().min(1).max(max);

export const SpeechRate = z.number().min(SPEECH_LIMITS.minRate).max(SPEECH_LIMITS.maxRate);

/** A voice id as the engine names it (espeak-ng: vi, vi-vn-x-central, vi-vn-x-south). */
export const VoiceId = z.string().regex(/^[\w.+-]{1,64}$/, 'use letters, digits, dots, plus signs and hyphens (e.g. vi-vn-x-south)');

/** How to say a text: the voice (the station's default when absent) and the speed. */
export const SpeechOptions = z.object({
  voice: VoiceId.optional(),
  rate: SpeechRate.default(SPEECH_LIMITS.defaultRate),
});
export type SpeechOptions = z.input<typeof SpeechOptions>;

/** POST /api/speech/preview. */
export const SpeechPreviewBody = SpeechOptions.extend({ text: speechTextOf(SPEECH_LIMITS.previewMaxChars) }).strict();

/** POST /api/items/tts: the text and how to say it, plus the item's metadata as an upload has it. */
export const SpeechItemBody = ItemFields.extend(SpeechOptions.shape).extend({ text: speechTextOf(SPEECH_LIMITS.maxChars) }).strict();
export type SpeechItemInput = z.input<typeof SpeechItemBody>;

/** What the admin page needs to offer the form: is there an engine, which voices, which limits. */
export const SpeechInfo = z.object({
  available: z.boolean(),
  voices: z.array(z.string()),
  defaultVoice: z.string().nullable(),
  maxChars: z.number().int(),
  previewMaxChars: z.number().int(),
  minRate: z.number(),
  maxRate: z.number(),
  defaultRate: z.number(),
});
export type SpeechInfo = z.infer<typeof SpeechInfo>;
