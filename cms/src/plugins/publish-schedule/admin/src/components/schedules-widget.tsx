import * as React from 'react';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, Widget } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';

interface Row {
  id: number;
  targetUid: string;
  targetDocumentId: string;
  targetLocale: string | null;
  targetLabel: string | null;
  action: 'publish' | 'unpublish';
  runAt: string;
  status: 'pending' | 'running' | 'failed';
  error: string | null;
}

const formatTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function editLink(row: Row): string {
  const locale = row.targetLocale && row.targetLocale !== '*' ? `?plugins[i18n][locale]=${row.targetLocale}` : '';
  return `/content-manager/collection-types/${row.targetUid}/${row.targetDocumentId}${locale}`;
}

/**
 * Homepage widget: every failed schedule (first) and what is coming, across documents, so an editor
 * learns of a failure without opening the document it belongs to.
 */
export const SchedulesWidget = () => {
  const { get } = useFetchClient();
  const [rows, setRows] = React.useState<Row[] | null>(null);
  const [failed, setFailed] = React.useState(false);

  React.useEffect(() => {
    get<{ data: Row[] }>('/publish-schedule/schedules', { params: { status: 'failed,pending,running' } }).then(
      ({ data }) => setRows([...data.data].sort((a: Row, b: Row) => Number(b.status === 'failed') - Number(a.status === 'failed'))),
      () => setFailed(true),
    );
  }, [get]);

  if (failed) return <Widget.Error />;
  if (!rows) return <Widget.Loading />;
  if (rows.length === 0) return <Widget.NoData>Nothing scheduled</Widget.NoData>;
  return (
    <Box tag="ul" aria-label="Scheduled publishing">
      {rows.map((row) => (
        <Box tag="li" key={row.id} paddingTop={2} paddingBottom={2}>
          <Flex justifyContent="space-between" gap={2}>
            <Typography variant="omega">
              <Link to={editLink(row)}>{row.targetLabel ?? row.targetDocumentId}</Link> · {row.action === 'publish' ? 'Publish' : 'Unpublish'}
              {row.targetLocale ? ` · ${row.targetLocale === '*' ? 'all locales' : row.targetLocale}` : ''} · {formatTime(row.runAt)}
            </Typography>
            <Badge textColor={row.status === 'failed' ? 'danger600' : 'primary600'} backgroundColor={row.status === 'failed' ? 'danger100' : 'primary100'}>
              {row.status === 'failed' ? 'Failed' : row.status === 'running' ? 'Running' : 'Pending'}
            </Badge>
          </Flex>
          {row.status === 'failed' && row.error ? (
            <Typography variant="pi" textColor="danger600" role="alert">
              {row.error}
            </Typography>
          ) : null}
        </Box>
      ))}
    </Box>
  );
};
