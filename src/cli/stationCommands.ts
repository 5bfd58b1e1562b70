import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import { translate } from '../i18n/messages.ts';
import type { Db } from '../storage/db.ts';
import { StationEvents } from '../stationEvents.ts';
import { createStationService } from '../station/stationService.ts';
import { parseStationYaml, stationToYaml } from '../station/stationYaml.ts';
import { planCommand } from './planCommand.ts';
import { reportCommand } from './reportCommand.ts';

type Command = (db: Db, args: string[], config: Config) => Promise<string> | string;

function explain(err: unknown): never {
  if (err instanceof ApiError) throw new Error(translate(err.code, 'vi', err.params));
  throw err;
}

/** Station commands: apply, export, plan, report. */
export const stationCommands: Record<string, Command> = {
  apply(db, args) {
    const file = args[0];
    if (!file) throw new Error('usage: loa apply FILE');
    try {
      const station = createStationService({ db, clock: systemClock, events: new StationEvents() });
      const result = station.apply(parseStationYaml(readFileSync(file, 'utf8'), station.zones()), 'cli', `loa apply ${file}`);
      return `applied ${file}: ${result.zones} zone(s), ${result.topics} topic(s)${result.policy ? ', policy' : ''}`;
    } catch (err) {
      return explain(err);
    }
  },
  export(db, args, config) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, 'with-secrets': { type: 'boolean', default: false } } });
    const station = createStationService({ db, clock: systemClock, events: new StationEvents() }).export(config.stationName);
    const yaml = stationToYaml(station, { withSecrets: values['with-secrets'] });
    if (values.out) {
      writeFileSync(values.out, yaml);
      return `station written to ${values.out}`;
    }
    return yaml.trimEnd();
  },
  plan: planCommand,
  report: reportCommand,
};
