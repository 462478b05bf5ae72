import * as React from 'react';
import { Badge, Box, Button, Checkbox, Field, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';

const API = '/publish-schedule/schedules';
const REFRESH_MS = 5000;

interface Schedule {
  id: number;
  targetLocale: string | null;
  action: 'publish' | 'unpublish';
  runAt: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  error: string | null;
  requestedBy: string | null;
}

const STATUS_LABEL: Record<Schedule['status'], string> = { pending: 'Pending', running: 'Running', done: 'Done', failed: 'Failed' };
const STATUS_COLOR: Record<Schedule['status'], { text: string; bg: string }> = {
  pending: { text: 'primary600', bg: 'primary100' },
  running: { text: 'warning600', bg: 'warning100' },
  done: { text: 'success600', bg: 'success100' },
  failed: { text: 'danger600', bg: 'danger100' },
};

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const formatTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The message Strapi's admin API puts in an error answer, else the fetch error's own. */
const messageOf = (error: any): string => error?.response?.data?.error?.message ?? error?.message ?? 'Request failed';

/**
 * Edit-view side panel: schedule a publish or unpublish of this document (this locale, or all), and
 * see its schedules — pending ones cancellable, failed ones with their error. It re-reads every few
 * seconds, so a schedule that runs (or fails) while the editor looks shows up without a reload.
 */
export const SchedulePanel = ({ activeTab, documentId, document, model }: any) => {
  const { get, post, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  // Through a ref: the periodic reload must not restart whenever the notification API's identity changes.
  const notify = React.useRef(toggleNotification);
  notify.current = toggleNotification;
  const seen = React.useRef(new Map<number, Schedule['status']>());
  const [schedules, setSchedules] = React.useState<Schedule[]>([]);
  const [forbidden, setForbidden] = React.useState(false);
  const [when, setWhen] = React.useState('');
  const [allLocales, setAllLocales] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const locale: string | null = document?.locale ?? null;

  const load = React.useCallback(async () => {
    if (!documentId) return;
    try {
      const { data } = await get<{ data: Schedule[] }>(API, { params: { uid: model, documentId } });
      // A schedule that ran while the editor looks: say so (the edit view shows the new state on reload).
      for (const s of data.data) {
        const before = seen.current.get(s.id);
        if ((before === 'pending' || before === 'running') && (s.status === 'done' || s.status === 'failed')) {
          const what = `Scheduled ${s.action}${s.targetLocale ? ` (${s.targetLocale === '*' ? 'all locales' : s.targetLocale})` : ''}`;
          notify.current(
            s.status === 'done'
              ? { type: 'success', message: `${what} done. Reload to see the document's new state.` }
              : { type: 'danger', message: `${what} failed: ${s.error ?? 'unknown error'}` },
          );
        }
        seen.current.set(s.id, s.status);
      }
      setSchedules(data.data);
    } catch (e: any) {
      if (e?.response?.status === 403) setForbidden(true);
    }
  }, [get, model, documentId]);

  React.useEffect(() => {
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  // Only draft & publish types can be scheduled (activeTab is null for the others).
  if (activeTab === null || forbidden) return null;
  if (!documentId) {
    return { title: 'Schedule', content: <Typography variant="omega">Save the document to schedule its publication.</Typography> };
  }

  const submit = async (action: 'publish' | 'unpublish') => {
    setError(null);
    const runAt = new Date(when);
    if (!when || Number.isNaN(runAt.getTime())) {
      setError('Choose a date and time first.');
      return;
    }
    setBusy(true);
    try {
      await post(API, { uid: model, documentId, locale: locale ? (allLocales ? '*' : locale) : null, action, runAt: runAt.toISOString() });
      setWhen('');
      await load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: number) => {
    setError(null);
    try {
      await del(`${API}/${id}`);
    } catch (e) {
      setError(messageOf(e));
    }
    await load();
  };

  return {
    title: 'Schedule',
    content: (
      <Flex direction="column" alignItems="stretch" gap={3} width="100%">
        <Field.Root name="publish-schedule-time" hint={`Your time zone: ${timeZone}`} error={error ?? undefined}>
          <Field.Label>Date and time</Field.Label>
          <Field.Input type="datetime-local" step={1} value={when} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setWhen(e.target.value)} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
        {locale ? (
          <Checkbox checked={allLocales} onCheckedChange={(checked: boolean | 'indeterminate') => setAllLocales(checked === true)}>
            All locales (not only {locale})
          </Checkbox>
        ) : null}
        <Flex gap={2}>
          <Button variant="secondary" size="S" loading={busy} disabled={busy} onClick={() => submit('publish')}>
            Schedule publish
          </Button>
          <Button variant="tertiary" size="S" loading={busy} disabled={busy} onClick={() => submit('unpublish')}>
            Schedule unpublish
          </Button>
        </Flex>
        {schedules.length > 0 ? (
          <Box tag="ul" aria-label="Scheduled changes">
            {schedules.map((s) => (
              <Box tag="li" key={s.id} paddingTop={2} paddingBottom={2} borderColor="neutral150" borderStyle="solid" borderWidth="1px 0 0 0">
                <Flex justifyContent="space-between" gap={2}>
                  <Typography variant="omega" fontWeight="semiBold">
                    {s.action === 'publish' ? 'Publish' : 'Unpublish'} · {s.targetLocale === '*' ? 'all locales' : (s.targetLocale ?? '')} · {formatTime(s.runAt)}
                  </Typography>
                  <Badge textColor={STATUS_COLOR[s.status].text} backgroundColor={STATUS_COLOR[s.status].bg}>
                    {STATUS_LABEL[s.status]}
                  </Badge>
                </Flex>
                {s.status === 'failed' && s.error ? (
                  <Typography variant="pi" textColor="danger600" role="alert">
                    Failed: {s.error}
                  </Typography>
                ) : null}
                {s.requestedBy ? (
                  <Typography variant="pi" textColor="neutral600" tag="p">
                    by {s.requestedBy}
                  </Typography>
                ) : null}
                {s.status === 'pending' || s.status === 'failed' ? (
                  <Button variant="ghost" size="S" onClick={() => remove(s.id)}>
                    {s.status === 'pending' ? 'Cancel' : 'Dismiss'}
                  </Button>
                ) : null}
              </Box>
            ))}
          </Box>
        ) : (
          <Typography variant="pi" textColor="neutral600">
            Nothing scheduled.
          </Typography>
        )}
      </Flex>
    ),
  };
};
