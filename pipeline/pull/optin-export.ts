// What `clearance pull` exports of the opt-in platform from D1: every rights holder who signed up (with the status a
// moderator or a domain check gave them) and every submitted work (its terms, its price now, its R2 original).
import { RightsHolder } from '../catalog/index.js';
import { CliError } from '../util/cli-error.js';
import type { D1Reader, Row } from './d1-reader.js';
import { allRows } from './export.js';

export interface SubmissionRow {
  id: string;
  itemId: string;
  holder: string;
  title: string;
  creator: string;
  priceMicros: number;
  generativeTraining: boolean;
  sha256: string;
  incomingKey: string;
  format: string;
  submittedAt: string;
  withdrawn: boolean;
  updatedAt: string;
}

const text = (r: Row, k: string): string => {
  const v = r[k];
  if (typeof v !== 'string') throw new CliError(`D1 ${k} of ${String(r.id)} is not text: fix the row; nothing was written`);
  return v;
};
const num = (r: Row, k: string): number => {
  const v = r[k];
  if (typeof v !== 'number') throw new CliError(`D1 ${k} of ${String(r.id)} is not a number: fix the row; nothing was written`);
  return v;
};

export async function signedUpHolders(reader: D1Reader, notes: string[]): Promise<RightsHolder[]> {
  const rows = await allRows(reader, (n) => `SELECT id, name, status FROM holders WHERE id > ? ORDER BY id LIMIT ${n}`, notes);
  return rows.map((r) => {
    const parsed = RightsHolder.safeParse({ id: r.id, name: r.name, status: r.status });
    if (!parsed.success) throw new CliError(`D1 holder ${String(r.id)} cannot be exported (${parsed.error.issues[0]?.message}): fix the row; nothing was written`);
    return parsed.data;
  });
}

export async function submittedWorks(reader: D1Reader, notes: string[]): Promise<SubmissionRow[]> {
  const rows = await allRows(
    reader,
    (n) => `SELECT id, item_id, holder_id, title, creator, price_micros, generative_training, sha256, incoming_key, format, status, created_at, updated_at FROM submissions WHERE id > ? ORDER BY id LIMIT ${n}`,
    notes,
  );
  return rows.map((r) => ({
    id: text(r, 'id'), itemId: text(r, 'item_id'), holder: text(r, 'holder_id'), title: text(r, 'title'), creator: text(r, 'creator'),
    priceMicros: num(r, 'price_micros'), generativeTraining: num(r, 'generative_training') === 1, sha256: text(r, 'sha256'),
    incomingKey: text(r, 'incoming_key'), format: text(r, 'format'), submittedAt: text(r, 'created_at'), withdrawn: r.status === 'withdrawn',
    updatedAt: text(r, 'updated_at'),
  }));
}
