import * as React from 'react';
import { Badge, Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';

const API = '/seo-workbench/report';
const TYPES = new Set(['api::procedure.procedure', 'api::location.location', 'api::landing-page.landing-page', 'api::clinic.clinic']);

type Verdict = 'pass' | 'warn' | 'fail';
interface Check {
  id: string;
  label: string;
  verdict: Verdict;
  message: string;
}
interface Page {
  kind: string;
  locale: string;
  path: string;
  previewUrl: string;
  google: { titleShown: string; displayUrl: string; descriptionShown: string };
  social: { title: string; description: string; image: string | null; imageAlt: string | null };
  checks: Check[];
  uniqueness?: { score: number; nearest: { path: string; city: string } | null; belowThreshold: boolean };
}
interface SiteReport {
  site: { slug: string; name: string; domain?: string };
  pages?: Page[];
  error?: string;
}

const VERDICT: Record<Verdict, { label: string; text: string; bg: string }> = {
  pass: { label: 'Pass', text: 'success600', bg: 'success100' },
  warn: { label: 'Warn', text: 'warning600', bg: 'warning100' },
  fail: { label: 'Fail', text: 'danger600', bg: 'danger100' },
};
const KIND: Record<string, string> = { procedure: 'Article', location: 'City page', landingPage: 'Landing page', clinic: 'Clinic page' };

/** The message Strapi's admin API puts in an error answer, else the fetch error's own. */
const messageOf = (error: any): string => error?.response?.data?.error?.message ?? error?.message ?? 'Request failed';

// Google's result layout (desktop): Arial, title 20px #1a0dab, URL 14px #202124, snippet 14px #4d5156. The
// gateway already cut title and description to what Google's column shows; here they only wrap.
const googleStyle = {
  box: { fontFamily: 'Arial, sans-serif', background: '#fff', padding: '8px', borderRadius: '4px', border: '1px solid #dadce0' },
  url: { fontSize: '12px', color: '#202124', lineHeight: '18px', overflowWrap: 'anywhere' as const },
  title: { fontSize: '18px', color: '#1a0dab', lineHeight: '24px', margin: '2px 0' },
  description: { fontSize: '13px', color: '#4d5156', lineHeight: '20px' },
};
const socialStyle = {
  box: { fontFamily: 'Helvetica, Arial, sans-serif', border: '1px solid #dadce0', borderRadius: '4px', overflow: 'hidden', background: '#f0f2f5' },
  image: { width: '100%', aspectRatio: '1.91 / 1', objectFit: 'cover' as const, display: 'block', background: '#dadce0' },
  noImage: { padding: '12px 8px', fontSize: '12px', color: '#65676b', background: '#dadce0', textAlign: 'center' as const },
  text: { padding: '6px 8px' },
  domain: { fontSize: '11px', color: '#65676b', textTransform: 'uppercase' as const },
  title: { fontSize: '14px', fontWeight: 600, color: '#050505' },
  description: { fontSize: '12px', color: '#65676b' },
};

const summaryOf = (checks: Check[]) => {
  const n = (v: Verdict) => checks.filter((c) => c.verdict === v).length;
  return [n('fail') && `${n('fail')} fail`, n('warn') && `${n('warn')} warn`, `${n('pass')} pass`].filter(Boolean).join(' · ');
};

const PageReport = ({ page, domain, open }: { page: Page; domain?: string; open: boolean }) => (
  <Box tag="details" open={open} paddingTop={2} paddingBottom={2} borderColor="neutral150" borderStyle="solid" borderWidth="1px 0 0 0" data-seo-page={page.path}>
    <Box tag="summary" style={{ cursor: 'pointer' }}>
      <Typography variant="omega" fontWeight="semiBold">
        {page.path}
      </Typography>{' '}
      <Typography variant="pi" textColor="neutral600">
        {KIND[page.kind] ?? page.kind} · {page.locale} · {summaryOf(page.checks)}
      </Typography>
    </Box>
    <Flex direction="column" alignItems="stretch" gap={3} paddingTop={2}>
      <section aria-label="Google result">
        <Typography variant="sigma" textColor="neutral600" tag="h4">
          Google result
        </Typography>
        <div style={googleStyle.box}>
          <div style={googleStyle.url}>{page.google.displayUrl}</div>
          <div style={googleStyle.title}>{page.google.titleShown}</div>
          <div style={googleStyle.description}>{page.google.descriptionShown}</div>
        </div>
      </section>
      <section aria-label="Social card">
        <Typography variant="sigma" textColor="neutral600" tag="h4">
          Social card
        </Typography>
        <div style={socialStyle.box}>
          {page.social.image ? <img src={page.social.image} alt={page.social.imageAlt ?? ''} style={socialStyle.image} /> : <div style={socialStyle.noImage}>No share image</div>}
          <div style={socialStyle.text}>
            <div style={socialStyle.domain}>{domain ? new URL(domain).host : ''}</div>
            <div style={socialStyle.title}>{page.social.title}</div>
            <div style={socialStyle.description}>{page.social.description}</div>
          </div>
        </div>
      </section>
      {page.uniqueness ? (
        <section aria-label="Uniqueness">
          <Typography variant="sigma" textColor="neutral600" tag="h4">
            Uniqueness
          </Typography>
          <Flex gap={2} alignItems="baseline" wrap="wrap">
            <Badge textColor={page.uniqueness.belowThreshold ? 'danger600' : 'success600'} backgroundColor={page.uniqueness.belowThreshold ? 'danger100' : 'success100'}>
              {Math.round(page.uniqueness.score * 100)}% own
            </Badge>
            <Typography variant="pi">
              {page.uniqueness.nearest ? `Nearest: ${page.uniqueness.nearest.city} (${page.uniqueness.nearest.path})` : 'No sibling page to compare with.'}
              {page.uniqueness.belowThreshold ? ' Below the site’s threshold: served noindex, out of the sitemap.' : ''}
            </Typography>
          </Flex>
        </section>
      ) : null}
      <section aria-label="Checks">
        <Typography variant="sigma" textColor="neutral600" tag="h4">
          Checks
        </Typography>
        <Box tag="ul">
          {page.checks.map((c) => (
            <Box tag="li" key={c.id} paddingTop={1} paddingBottom={1} data-check={c.id} data-verdict={c.verdict}>
              <Flex gap={2} alignItems="flex-start">
                {/* A fixed column, so that the messages line up whatever the verdict's word. */}
                <Box width="4rem" shrink={0}>
                  <Badge textColor={VERDICT[c.verdict].text} backgroundColor={VERDICT[c.verdict].bg}>
                    {VERDICT[c.verdict].label}
                  </Badge>
                </Box>
                <Typography variant="pi">
                  <strong>{c.label}</strong>: {c.message}
                </Typography>
              </Flex>
            </Box>
          ))}
        </Box>
      </section>
      <Link href={page.previewUrl} isExternal>
        Open the preview of {page.path}
      </Link>
    </Flex>
  </Box>
);

/**
 * Edit-view side panel: each page of each site this document appears on, as Google and social networks
 * show it and as the gateway composes it from the saved draft, with a verdict per check. It reloads
 * after each save (the document's updatedAt changes).
 */
export const SeoPanel = ({ documentId, document, model }: any) => {
  const { get } = useFetchClient();
  const [sites, setSites] = React.useState<SiteReport[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [forbidden, setForbidden] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const locale: string | null = document?.locale ?? null;
  const savedAt: string | undefined = document?.updatedAt;
  const supported = TYPES.has(model);

  const load = React.useCallback(async () => {
    if (!supported || !documentId) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await get<{ data: { sites: SiteReport[] } }>(API, { params: { uid: model, documentId } });
      setSites(data.data.sites);
    } catch (e: any) {
      if (e?.response?.status === 403) setForbidden(true);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
    // savedAt: a save changes the draft the report is composed from.
  }, [get, model, documentId, supported, savedAt]);

  React.useEffect(() => {
    void load();
  }, [load]);

  if (!supported || forbidden) return null;
  if (!documentId) return { title: 'SEO', content: <Typography variant="omega">Save the document to see it as search engines show it.</Typography> };

  // The locale on screen first; its first page opens.
  const ordered = (sites ?? []).map((s) => ({ ...s, pages: [...(s.pages ?? [])].sort((a, b) => Number(b.locale === locale) - Number(a.locale === locale)) }));
  return {
    title: 'SEO',
    content: (
      <Flex direction="column" alignItems="stretch" gap={2} width="100%" data-seo-workbench="">
        <Flex justifyContent="space-between" gap={2}>
          <Typography variant="pi" textColor="neutral600">
            The saved draft, as each site will show it.
          </Typography>
          <Button variant="tertiary" size="S" loading={busy} disabled={busy} onClick={() => void load()}>
            Refresh
          </Button>
        </Flex>
        {error ? (
          <Typography variant="pi" textColor="danger600" role="alert">
            {error}
          </Typography>
        ) : null}
        {sites && ordered.length === 0 ? (
          <Typography variant="pi" textColor="neutral600">
            This document is on no site’s page yet (a city no site serves, or a procedure no clinic offers).
          </Typography>
        ) : null}
        {ordered.map((s, i) => (
          <Box key={s.site.slug} tag="section" aria-label={`SEO on ${s.site.name}`} paddingTop={2}>
            <Typography variant="delta" tag="h3">
              {s.site.name}
            </Typography>
            {s.error ? (
              <Typography variant="pi" textColor="danger600" role="alert" tag="p">
                {s.error}
              </Typography>
            ) : null}
            {s.pages.map((p, j) => (
              <PageReport key={`${p.locale}${p.path}`} page={p} domain={s.site.domain} open={i === 0 && j === 0} />
            ))}
          </Box>
        ))}
      </Flex>
    ),
  };
};
