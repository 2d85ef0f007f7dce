// Croissant 1.0 JSON-LD (croissant.json) describing the export's files and the fields of its metadata rows.
import type { Column } from './columns.js';
import { COLUMNS } from './columns.js';

export interface ExportFile {
  path: string;
  bytes: number;
  sha256: string;
}

const CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
};

const DATA_TYPE: Record<Column['type'], string> = { STRING: 'sc:Text', INT32: 'sc:Integer', INT64: 'sc:Integer', DOUBLE: 'sc:Float', BOOLEAN: 'sc:Boolean', TIMESTAMP: 'sc:DateTime' };

const LICENCE_URL: Record<string, string> = {
  'cc0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'pdm-1.0': 'https://creativecommons.org/publicdomain/mark/1.0/',
};

export interface CroissantInput {
  release: string;
  builtAt: string;
  description: string;
  url: string;
  licences: string[];
  parquet: ExportFile[];
  shards: ExportFile[];
}

export function renderCroissant(c: CroissantInput): object {
  const fileObject = (f: ExportFile, format: string) => ({ '@type': 'cr:FileObject', '@id': f.path, name: f.path, contentUrl: f.path, contentSize: `${f.bytes} B`, encodingFormat: format, sha256: f.sha256 });
  return {
    '@context': CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: 'http://mlcommons.org/croissant/1.0',
    name: `clearance-${c.release}`.replace(/[^A-Za-z0-9_-]/g, '-'),
    description: c.description,
    url: c.url,
    license: c.licences.map((id) => LICENCE_URL[id] ?? id),
    creator: { '@type': 'sc:Organization', name: 'Clearance' },
    datePublished: c.builtAt,
    version: '1.0.0',
    keywords: ['public domain', 'CC0', 'image-text', 'cleared for AI training'],
    distribution: [
      ...c.parquet.map((f) => fileObject(f, 'application/x-parquet')),
      ...c.shards.map((f) => fileObject(f, 'application/x-tar')),
      { '@type': 'cr:FileSet', '@id': 'metadata-parquet', name: 'metadata-parquet', description: 'The metadata rows, in parquet files of at most 100,000 rows.', encodingFormat: 'application/x-parquet', includes: 'metadata/*.parquet' },
    ],
    recordSet: [
      {
        '@type': 'cr:RecordSet',
        '@id': 'items',
        name: 'items',
        description: 'One record per exported image.',
        key: { '@id': 'items/id' },
        field: COLUMNS.map((col) => ({
          '@type': 'cr:Field',
          '@id': `items/${col.name}`,
          name: col.name,
          description: col.description,
          dataType: DATA_TYPE[col.type],
          source: { fileSet: { '@id': 'metadata-parquet' }, extract: { column: col.name } },
        })),
      },
    ],
  };
}
