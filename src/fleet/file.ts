/**
 * A fleet file (`data/fleet.yaml`, the demo fleet `npm start` seeds): a list of vessels, each an id
 * and the keys of `/fleet set`, checked exactly as `/fleet set` checks them.
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { fail, ok, type Result } from '../sails/result';
import {
  applySettings,
  fleetKeys,
  isFleetKey,
  newVesselFields,
  type Setting,
  type VesselFields,
} from './settings';
import { normalizeVesselId } from './vessel';

const value = z.union([z.string(), z.number()]);
const fileSchema = z.object({
  vessels: z.array(
    z.object({ id: z.string(), name: z.string(), check: z.array(z.string()).optional() }).catchall(value),
  ),
});

/** One vessel of a fleet file, checked. */
export interface FleetFileVessel {
  id: string;
  fields: VesselFields;
}

/** Reads a fleet file's text; every problem names the vessel and the key. */
export function parseFleetFile(text: string): Result<FleetFileVessel[]> {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    return fail(`The fleet file is not YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const file = fileSchema.safeParse(doc);
  if (!file.success)
    return fail(`The fleet file does not have the expected shape: ${z.prettifyError(file.error)}`);
  const out: FleetFileVessel[] = [];
  for (const [i, v] of file.data.vessels.entries()) {
    const id = normalizeVesselId(v.id);
    if (!id)
      return fail(`vessels[${i}].id "${v.id}" is not a vessel id (lower-case letters, digits, dashes).`);
    const settings: Setting[] = [];
    for (const [key, raw] of Object.entries(v)) {
      if (key === 'id' || key === 'check') continue;
      if (!isFleetKey(key))
        return fail(`vessels[${i}] (${id}): "${key}" is not a key; the keys are ${fleetKeys.join(', ')}.`);
      settings.push({ key, value: String(raw) });
    }
    // A file's own checklist replaces the kind's default; otherwise the default stays.
    const base = v.check ? { ...newVesselFields(v.name), checklist: [] } : newVesselFields(v.name);
    const applied = applySettings(base, [
      ...settings,
      ...(v.check ?? []).map((c) => ({ key: 'check+' as const, value: c })),
    ]);
    if (!applied.ok) return fail(`vessels[${i}] (${id}): ${applied.error}`);
    out.push({ id, fields: applied.value.fields });
  }
  return ok(out);
}
