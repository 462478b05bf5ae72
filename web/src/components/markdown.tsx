import ReactMarkdown from 'react-markdown';

/**
 * CMS Markdown as HTML. No raw HTML passes (react-markdown's default), so an editor's text cannot
 * inject markup. Headings inside a section sit below the section's own h2/h3.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <ReactMarkdown
      components={{
        h1: ({ children: c }) => <h3>{c}</h3>,
        h2: ({ children: c }) => <h3>{c}</h3>,
        h3: ({ children: c }) => <h4>{c}</h4>,
      }}
    >
      {children}
    </ReactMarkdown>
  );
}
