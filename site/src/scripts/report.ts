// Client side of the report form: POST JSON to /v1/flags, show the confirmation (201 { id }) or the API's error.
interface ApiError {
  error?: { code?: string; message?: string };
}

export function initReportForm(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('[data-report-form]')) {
    const status = form.querySelector<HTMLElement>('[data-report-status]');
    const say = (text: string, error = false): void => {
      if (!status) return;
      status.textContent = text;
      status.className = error ? 'notice error' : 'notice';
    };
    const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const note = String(data.get('note') ?? '').trim();
      const body = { itemId: form.dataset.itemId, reason: String(data.get('reason') ?? 'other'), ...(note ? { note } : {}) };
      const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
      if (button) button.disabled = true;
      say('Sending…');
      try {
        const res = await fetch(`${form.dataset.api ?? ''}/v1/flags`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const json = (await res.json().catch(() => ({}))) as { id?: string } & ApiError;
        if (res.status === 201 && json.id) {
          say(`Thank you: report ${json.id} received. A moderator will review it; if the image breaks our policy it will be withdrawn.`);
          form.reset();
        } else {
          say(`The report was not accepted: ${json.error?.message ?? `HTTP ${res.status}`}. Please try again later.`, true);
        }
      } catch {
        say('The report could not be sent (network error). Please try again later.', true);
      } finally {
        if (button) button.disabled = false;
      }
    });
  }
}
