import { memo } from 'react';
import { Box } from '@mui/material';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import rehypeSanitize from 'rehype-sanitize';
import rehypeHighlight from 'rehype-highlight';

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** Raw HTML in a message is text the sender typed, never markup: shown as written, not dropped. */
function remarkHtmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return walk;
}

// sanitize first (GitHub's rules: no scripts, handlers, styles or javascript: links), then highlight code
const remarkPlugins = [remarkGfm, remarkHtmlAsText];
const rehypePlugins = [rehypeSanitize, [rehypeHighlight, { detect: false }]] as never;

/**
 * A message's Markdown (bold, italic, code, code blocks with highlighting, links, lists, quotes,
 * tables), rendered by react-markdown and sanitized by rehype-sanitize. Links open in a new tab
 * without handing it this window; images are shown as their links (no third-party loads).
 */
export const MessageText = memo(function MessageText({ text }: { text: string }) {
  return (
    <Box
      data-testid="message-text"
      sx={(theme) => ({
        overflowWrap: 'anywhere',
        '& > :first-of-type': { mt: 0 },
        '& > :last-child': { mb: 0 },
        '& p': { my: 0.5, whiteSpace: 'pre-wrap' },
        '& a': { color: 'inherit', textDecoration: 'underline', fontWeight: 600 },
        '& blockquote': { m: 0, my: 0.5, pl: 1.5, borderLeft: '3px solid', borderColor: 'divider', opacity: 0.95 },
        '& ul, & ol': { my: 0.5, pl: 3 },
        '& code': {
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          fontSize: '0.875em',
          px: 0.5,
          borderRadius: 0.5,
          bgcolor: 'background.default',
          color: 'text.primary',
        },
        '& pre': { my: 0.5, p: 1, borderRadius: 1, overflowX: 'auto', bgcolor: 'background.default', color: 'text.primary' },
        '& pre code': { p: 0, bgcolor: 'transparent' },
        '& .hljs-keyword, & .hljs-built_in, & .hljs-selector-tag': { fontWeight: 700 },
        '& .hljs-string, & .hljs-attr, & .hljs-template-string': {
          color: theme.palette.mode === 'dark' ? '#9fe0a5' : '#1b5e20',
        },
        '& .hljs-number, & .hljs-literal': { color: theme.palette.mode === 'dark' ? '#ffcc80' : '#8a3b00' },
        '& .hljs-comment': { fontStyle: 'italic', color: 'text.secondary' },
        '& .hljs-title, & .hljs-function': { color: theme.palette.mode === 'dark' ? '#90caf9' : '#0d47a1' },
        '& table': { borderCollapse: 'collapse', my: 0.5 },
        '& th, & td': { border: '1px solid', borderColor: 'divider', px: 1 },
      })}
    >
      <Markdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={{
          img: ({ src, alt }) =>
            typeof src === 'string' && src ? (
              <a href={src} target="_blank" rel="noopener noreferrer">
                {alt || src}
              </a>
            ) : (
              <>{alt}</>
            ),
          // a link whose target was refused (javascript:, data:) is shown as its text
          a: ({ href, children }) =>
            href ? (
              <a href={href} target="_blank" rel="noopener noreferrer">
                {children}
              </a>
            ) : (
              <span>{children}</span>
            ),
        }}
      >
        {text}
      </Markdown>
    </Box>
  );
});
