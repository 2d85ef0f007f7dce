// Content collections of the gallery: `items` is the pipeline's catalog.jsonl, validated by the catalogue schema.
import { defineCollection } from 'astro:content';
import { catalogLoader } from './lib/catalog-loader.js';

export const collections = {
  items: defineCollection({ loader: catalogLoader() }),
};
