import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';

interface RowError {
  row: number;
  code: string;
  message: string;
}
type Result = { ok: true; site: string; imported: number; replaced: number; ms: number } | { ok: false; site: string; errorCount: number; errors: RowError[] };

/**
 * Upload a CSV (`from,to,status`; status 301, 302 or 410, empty for 301) for one site. Nothing is written unless
 * every row is right: the row errors are listed with their line in the file.
 */
export const ImportPage = () => {
  const { get, post } = useFetchClient();
  const [sites, setSites] = React.useState<Array<{ documentId: string; name: string; slug: string }>>([]);
  const [site, setSite] = React.useState<string>('');
  const [file, setFile] = React.useState<File | null>(null);
  const [replace, setReplace] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<Result | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);

  React.useEffect(() => {
    get('/content-manager/collection-types/api::site.site', { params: { pageSize: 100 } }).then(
      ({ data }: any) => setSites(data.results ?? []),
      () => setFailure('Could not list the sites'),
    );
  }, [get]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file || !site) return;
    setBusy(true);
    setResult(null);
    setFailure(null);
    const form = new FormData();
    form.append('site', site);
    form.append('replace', String(replace));
    form.append('file', file);
    try {
      // 422 carries the row errors: an answer to show, not a failure.
      const { data } = await post<{ data: Result }>('/redirects/import', form, { validateStatus: (status: number) => status === 200 || status === 422 });
      setResult(data.data);
    } catch (e: any) {
      setFailure(e?.message ?? 'The import failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page.Main>
      <Layouts.Header title="Import redirects" subtitle="One CSV per site: from,to,status. All rows are imported, or none." />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <form onSubmit={submit} aria-label="Import redirects">
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Field.Root name="site" required>
                <Field.Label>Site</Field.Label>
                <SingleSelect value={site} onChange={(v: string | number) => setSite(String(v))} placeholder="Choose a site">
                  {sites.map((s) => (
                    <SingleSelectOption key={s.documentId} value={s.slug}>
                      {s.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Field.Root name="file" required hint="Columns from,to,status (a header line is optional). status: 301 (default), 302 or 410 (to left empty).">
                <Field.Label>CSV file</Field.Label>
                <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
                <Field.Hint />
              </Field.Root>
              <Checkbox checked={replace} onCheckedChange={(v: boolean) => setReplace(v === true)}>
                Replace the site's redirects with this file
              </Checkbox>
              <Box>
                <Button type="submit" loading={busy} disabled={!file || !site}>
                  Import
                </Button>
              </Box>
            </Flex>
          </form>
        </Box>
        {failure ? (
          <Box paddingTop={4}>
            <Typography textColor="danger600" role="alert">
              {failure}
            </Typography>
          </Box>
        ) : null}
        {result?.ok ? (
          <Box paddingTop={4}>
            <Typography role="status">
              Imported {result.imported} redirect(s) for {result.site} in {result.ms} ms{result.replaced ? `, replacing ${result.replaced}` : ''}.
            </Typography>
          </Box>
        ) : null}
        {result && !result.ok ? (
          <Box paddingTop={4}>
            <Typography textColor="danger600" role="alert">
              Nothing was imported: {result.errorCount} row error(s){result.errorCount > result.errors.length ? ` (the first ${result.errors.length} below)` : ''}.
            </Typography>
            <Table colCount={3} rowCount={result.errors.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">Line</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Code</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">Problem</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {result.errors.map((e) => (
                  <Tr key={`${e.row}-${e.code}`}>
                    <Td>
                      <Typography>{e.row}</Typography>
                    </Td>
                    <Td>
                      <Typography>{e.code}</Typography>
                    </Td>
                    <Td>
                      <Typography>{e.message}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
};
