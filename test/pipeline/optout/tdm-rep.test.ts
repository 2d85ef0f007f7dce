// TDM-Rep: tdmrep.json rules (first matching location decides), the tdm-reservation header and the HTML meta tag.
import { describe, expect, it } from 'vitest';
import { parseTdmRepJson, tdmFromHeaders, tdmFromHtml, tdmRepFor } from '../../../pipeline/optout/tdm-rep.js';

describe('tdmrep.json', () => {
  const { rules, errors } = parseTdmRepJson(
    JSON.stringify([
      { location: '/open/*', 'tdm-reservation': 0 },
      { location: '/images/*.jpg', 'tdm-reservation': 1, 'tdm-policy': 'https://example.org/policy.json' },
      { location: '/*', 'tdm-reservation': 1 },
      { location: '/bad' },
      'nope',
    ]),
  );

  it('reads valid rules and reports the rest', () => {
    expect(rules).toHaveLength(3);
    expect(errors).toHaveLength(2);
  });

  it('the first matching rule decides', () => {
    expect(tdmRepFor(rules, '/open/a.jpg')?.reserved).toBe(false);
    const img = tdmRepFor(rules, '/images/x/y.jpg');
    expect(img?.reserved).toBe(true);
    expect(img?.policy).toBe('https://example.org/policy.json');
    expect(tdmRepFor(rules, '/page.html')?.detail).toMatch(/location \/\*: tdm-reservation 1/);
  });

  it('no rule, no verdict; non-JSON is an error', () => {
    expect(tdmRepFor(parseTdmRepJson('[{"location":"/a/","tdm-reservation":1}]').rules, '/b/c.png')).toBeUndefined();
    expect(parseTdmRepJson('<html>').errors[0]).toMatch(/not JSON/);
  });
});

describe('tdm-reservation header', () => {
  it('1 reserves, 0 does not, absent says nothing', () => {
    expect(tdmFromHeaders({ 'tdm-reservation': '1', 'tdm-policy': 'https://p.example/' })).toMatchObject({ reserved: true, policy: 'https://p.example/' });
    expect(tdmFromHeaders({ 'tdm-reservation': '0' })?.reserved).toBe(false);
    expect(tdmFromHeaders({ 'content-type': 'image/png' })).toBeUndefined();
  });
});

describe('HTML meta', () => {
  it('finds the meta tag in any attribute order and quoting', () => {
    expect(tdmFromHtml('<head><meta content="1" name="tdm-reservation"><meta name=tdm-policy content=https://p.example/x></head>')).toMatchObject({ reserved: true, policy: 'https://p.example/x' });
    expect(tdmFromHtml("<META NAME='tdm-reservation' CONTENT='0'>")?.reserved).toBe(false);
    expect(tdmFromHtml('<meta name=tdm-reservation content=1/>')?.reserved).toBe(true);
    expect(tdmFromHtml('<meta name="robots" content="noai">')).toBeUndefined();
  });
});
