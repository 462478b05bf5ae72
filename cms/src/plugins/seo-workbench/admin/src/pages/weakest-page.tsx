import * as React from 'react';
import { Badge, Box, Button, Field, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useQueryParams } from '@strapi/strapi/admin';
// Types only (erased from the admin bundle): the answer's shape is the server half's.
import type { WeakestPages } from '../../../server/src/services/weakest.service';

const API = '/seo-workbench/weakest';
const LOCALES: Array<{ code: string; name: string }> = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Spanish' },
];

const percent = (share: number) => `${Math.round(share * 100)}%`;
/** The message Strapi's admin API puts in an error answer, else the fetch error's own. */
const messageOf = (error: any): string => error?.response?.data?.error?.message ?? error?.message ?? 'Request failed';
const COLUMNS = ['Page', 'City', 'Own content', 'Nearest sibling', 'Verdict', 'Preview'];

/**
 * A site's landing pages in one locale, weakest first, as the gateway scores them (the published catalogue): the
 * share of each page's main content that its nearest sibling (same procedure, another city) does not have, and
 * whether that is below the site's threshold (served noindex, out of the sitemap). The site and locale are in the
 * URL, so a reload or a shared link shows the same list.
 */
export const WeakestPage = () => {
  const { get } = useFetchClient();
  const [{ query }, setQuery] = useQueryParams<{ site?: string; locale?: string }>();
  const site = typeof query.site === 'string' ? query.site : '';
  const locale = typeof query.locale === 'string' && LOCALES.some((l) => l.code === query.locale) ? query.locale : 'en';
  const [sites, setSites] = React.useState<Array<{ documentId: string; name: string; slug: string }>>([]);
  const [result, setResult] = React.useState<WeakestPages | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    get('/content-manager/collection-types/api::site.site', { params: { pageSize: 100, sort: 'name:ASC' } }).then(
      ({ data }: any) => setSites(data.results ?? []),
      () => setFailure('Could not list the sites'),
    );
  }, [get]);

  const load = React.useCallback(async () => {
    if (!site) return;
    setBusy(true);
    setFailure(null);
    try {
      const { data } = await get<{ data: WeakestPages }>(API, { params: { site, locale } });
      setResult(data.data);
    } catch (e) {
      setResult(null);
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  }, [get, site, locale]);

  React.useEffect(() => {
    void load();
  }, [load]);

  // The answer on screen is the one asked for: a change of site or locale hides the previous one until it arrives.
  const shown = result && result.site.slug === site && result.locale === locale ? result : null;

  return (
    <Page.Main>
      <Layouts.Header
        title="Weakest pages"
        subtitle="A site's landing pages, least of their own content first: a page below the site's threshold is served noindex and left out of the sitemap."
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <Flex gap={4} alignItems="flex-end" wrap="wrap">
            <Box minWidth="20rem">
              <Field.Root name="site">
                <Field.Label>Site</Field.Label>
                <SingleSelect value={site} onChange={(v: string | number) => setQuery({ site: String(v) })} placeholder="Choose a site">
                  {sites.map((s) => (
                    <SingleSelectOption key={s.documentId} value={s.slug}>
                      {s.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
            <Box minWidth="12rem">
              <Field.Root name="locale">
                <Field.Label>Locale</Field.Label>
                <SingleSelect value={locale} onChange={(v: string | number) => setQuery({ locale: String(v) })}>
                  {LOCALES.map((l) => (
                    <SingleSelectOption key={l.code} value={l.code}>
                      {l.name} ({l.code})
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
            <Button variant="secondary" loading={busy} disabled={!site || busy} onClick={() => void load()}>
              Refresh
            </Button>
          </Flex>
        </Box>
        {failure ? (
          <Box paddingTop={4}>
            <Typography textColor="danger600" role="alert">
              {failure}
            </Typography>
          </Box>
        ) : null}
        {shown?.error ? (
          <Box paddingTop={4}>
            <Typography textColor="danger600" role="alert">
              {shown.site.name}: {shown.error}
            </Typography>
          </Box>
        ) : null}
        {shown?.pages ? (
          <Box paddingTop={4} data-weakest-pages={shown.site.slug} data-locale={shown.locale} data-threshold={shown.threshold}>
            <Box paddingBottom={3}>
              <Typography variant="omega" data-threshold-text="">
                {shown.site.name}’s threshold: <strong>{percent(shown.threshold ?? 0)}</strong> of a page’s own content. Below it, a page is served noindex, left out of the sitemap and its
                canonical points at the procedure page, until an editor makes it unique enough.
              </Typography>
            </Box>
            {shown.pages.length === 0 ? (
              <Typography textColor="neutral600">This site has no published landing page in this locale.</Typography>
            ) : (
              <Table colCount={COLUMNS.length} rowCount={shown.pages.length + 1}>
                <Thead>
                  <Tr>
                    {COLUMNS.map((c) => (
                      <Th key={c}>
                        <Typography variant="sigma">{c}</Typography>
                      </Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {shown.pages.map((p) => (
                    <Tr key={p.path} data-weak-page={p.path} data-score={p.score} data-verdict={p.belowThreshold ? 'noindex' : 'indexed'}>
                      <Td>
                        <Typography fontWeight="semiBold">{p.path}</Typography>
                      </Td>
                      <Td>
                        <Typography>{p.city}</Typography>
                      </Td>
                      <Td>
                        <Typography data-score-text="">{percent(p.score)}</Typography>
                      </Td>
                      <Td>
                        <Typography>{p.nearest ? `${p.nearest.city} (${p.nearest.path})` : 'No sibling page'}</Typography>
                      </Td>
                      <Td>
                        <Badge textColor={p.belowThreshold ? 'danger600' : 'success600'} backgroundColor={p.belowThreshold ? 'danger100' : 'success100'}>
                          {p.belowThreshold ? 'noindex: below the threshold' : 'indexed'}
                        </Badge>
                      </Td>
                      <Td>
                        <Link href={p.previewUrl} isExternal>
                          Preview
                        </Link>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </Box>
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
};
