// The page's words come from the daemon's one catalogue (/ui/messages.json), in the chosen language.
let messages = {};
let station = { name: 'Loa', tz: 'Asia/Ho_Chi_Minh' };
let lang = 'vi';

const STORAGE_KEY = 'loa.lang';

/** Loads the catalogue in the saved language (Vietnamese unless English was chosen). */
export async function loadMessages(wanted = localStorage.getItem(STORAGE_KEY) || 'vi') {
  const res = await fetch(`/ui/messages.json?lang=${encodeURIComponent(wanted)}`);
  const body = await res.json();
  messages = body.messages;
  station = body.station;
  lang = body.lang;
  document.documentElement.lang = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  return lang;
}

export const currentLang = () => lang;
export const stationInfo = () => station;

/** The sentence for a key, `{name}` placeholders filled; the key itself if the catalogue lacks it. */
export function t(key, params = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (params[k] ?? `{${k}}`).toString());
}
