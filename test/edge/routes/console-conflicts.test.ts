// The console shows a held opt-in submission beside the item it copies (licence.conflict): both images, moderators only;
// a submission is never approved as CC0/PDM, only rejected (which its holder then sees).
import { describe, expect, it } from 'vitest';
import { consoleCall, reviewRow, seedReview, signIn } from '../console-helpers.js';
import { newAccount, seedItem } from '../helpers.js';
import { pngBytes, signUp, uploadForm, verifyByReview } from '../holder-helpers.js';

describe('licence conflicts side by side', () => {
  it('shows the submitted original (moderators only) beside the catalogued work it copies', async () => {
    const mod = await signIn((await newAccount('payg', [{ role: 'moderator' }])).key);
    const h = await signUp();
    await verifyByReview(h, mod);
    const bytes = pngBytes(640, 480);
    expect((await uploadForm(h, new Blob([bytes], { type: 'image/png' }))).status).toBe(303);
    const itemId = /data-item-id="([^"]+)"/.exec(await (await consoleCall('/holder/', h)).text())![1]!;
    const pd = await seedItem({ licence: 'pdm-1.0', title: 'Pear Zephyrine' });
    const detail = `opt-in submission is a near copy of an earlier item: looks like ${pd.id} (pHash 3 of 64 bits differ, colour difference 1.2 of 255)`;
    const review = await seedReview({ itemId, source: 'optin', reasons: [{ code: 'licence.conflict', detail }, { code: 'licence.optin', detail: 'verified' }], withThumb: false });

    const page = await (await consoleCall(`/console/reviews/${review.id}`, mod)).text();
    expect(page).toContain('data-testid="conflict"');
    expect(page).toContain(`src="/console/reviews/${review.id}/submission"`);
    expect(page).toContain(`src="/files/${pd.thumbKey}"`);
    expect(page).toContain('Pear Zephyrine');
    expect(page).toContain(h.holderId);
    const original = await consoleCall(`/console/reviews/${review.id}/submission`, mod);
    expect(original.status).toBe(200);
    expect(original.headers.get('Content-Type')).toBe('image/png');
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(bytes);
    // it cannot be approved as CC0/PDM (no form, and a forged post is refused); a rejection with a note is recorded
    expect(page).toContain('data-testid="no-approve"');
    expect(page).not.toContain('data-testid="approve-form"');
    const approve = await consoleCall(`/console/reviews/${review.id}/decision`, mod, { form: { action: 'approve', licence: 'pdm-1.0', note: 'looks public domain' } });
    expect(approve.status).toBe(409);
    expect(await approve.text()).toContain('cannot be approved');
    expect((await reviewRow(review.id))?.status).toBe('open');
    // the holder (not a moderator) cannot read it through the console
    expect((await consoleCall(`/console/reviews/${review.id}/submission`, h)).status).toBe(403);
    expect((await consoleCall(`/console/reviews/${review.id}/decision`, mod, { form: { action: 'reject', note: 'Copy of the museum’s pear.' } })).status).toBe(303);
    expect((await reviewRow(review.id))?.status).toBe('rejected');
    expect(await (await consoleCall('/holder/', h)).text()).toContain('data-testid="work-status">rejected<');
    // a review that is no conflict has no such panel nor original
    const plain = await seedReview();
    expect(await (await consoleCall(`/console/reviews/${plain.id}`, mod)).text()).not.toContain('data-testid="conflict"');
    expect((await consoleCall(`/console/reviews/${plain.id}/submission`, mod)).status).toBe(404);
  });
});
