// Text PII rules: e-mails, phone numbers and street addresses are found; dates, years, catalogue numbers are not.
import { describe, expect, it } from 'vitest';
import { findPii, hasTextPii } from '../../../pipeline/safety/text-pii.js';

const kinds = (s: string) => [...new Set(findPii(s).map((m) => m.kind))].sort();

describe('findPii', () => {
  it.each([
    ['Contact jane.doe@example.org for prints', 'email'],
    ['write to j.smith+art at gmail dot com', 'email'],
    ['Call 555-123-4567 after 6', 'phone'],
    ['Tel: 020 7946 0958', 'phone'],
    ['+44 20 7946 0958', 'phone'],
    ['(212) 555-1234', 'phone'],
    ['06 12 34 56 78', 'phone'],
    ['phone 5551234567', 'phone'],
    ['My house at 221B Baker Street, London', 'address'],
    ['1600 Pennsylvania Ave NW', 'address'],
    ['12 rue de la Paix, Paris', 'address'],
    ['Hauptstraße 5, Berlin', 'address'],
    ['P.O. Box 1234', 'address'],
  ])('%s → %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    'Malus domestica: Baldwin apple, 1880-1940',
    'Watercolour, 1923-05-01, accession 1975.1.1234',
    'Street scene in Paris at night',
    'Deborah Griscom Passmore (1840–1911)',
    'Collection of 3 pears on a plate',
    'ISBN 0306406152',
    'Oil on canvas, 61 x 50.8 cm',
    'Fifth Avenue in the snow',
    'The artist @ work',
  ])('no PII in %s', (text) => {
    expect(findPii(text)).toEqual([]);
  });
});

describe('hasTextPii', () => {
  it('looks at every text of an item and skips missing ones', () => {
    expect(hasTextPii(['Apples', undefined, 'fruit', 'mail me: a@b.co'])).toBe(true);
    expect(hasTextPii(['Apples', undefined, 'fruit', null])).toBe(false);
  });
});
